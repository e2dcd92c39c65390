@rfc6749 @rfc6749-3.2
Feature: Token endpoint request handling
  The token endpoint takes form-encoded POST requests and answers malformed ones with the error codes
  of RFC 6749 §5.2, in a JSON body, so that clients can react to them.

  Background:
    Given a private desktop app

  @rfc6749-5.2
  @req:6749-5.2-unsupported-grant-type @req:6749-5.2-status-400 @req:6749-5.2-json-body @req:6749-5.2-error-required
  @req:6749-5.2-error-charset @req:6749-5.2-error-description-charset @req:6749-5.2-error-uri-reference-syntax @req:6749-5.2-error-uri-charset
  Scenario: An unknown grant type is refused as unsupported
    When the app requests a token with grant type "urn:example:unknown-grant"
    Then the token request fails with unsupported_grant_type

  @rfc6749-5.2
  @req:6749-4.3.2-grant-type-required @req:6749-5.2-invalid-request
  Scenario: A request without a grant type is invalid
    When the app requests a token without a grant type
    Then the token request fails with invalid_request

  @rfc6749-4.1.3 @rfc6749-5.2
  @req:6749-4.1.3-grant-type-required @req:6749-5.2-invalid-request
  Scenario: A code redemption without a grant type is invalid
    When the app redeems a made-up authorization code without a grant type
    Then the token request fails with invalid_request

  @rfc6749-3.2 @rfc6749-5.2
  @req:6749-3.2-repeated-request-param-refused @req:6749-5.2-invalid-request
  Scenario: A parameter sent twice makes the request invalid
    When the app requests a token sending the grant type twice
    Then the token request fails with invalid_request

  @rfc6749-3.2
  @req:6749-3.2-no-tokens-for-get-or-non-form
  Scenario: A token request by GET issues no token
    When the app requests a token with the user's password by GET
    Then no token is issued

  @rfc6749-3.2
  @req:6749-3.2-no-tokens-for-get-or-non-form
  Scenario: A token request that is not form-encoded issues no token
    When the app requests a token with the user's password as JSON
    Then no token is issued

  @rfc6749-5.2 @ringcentral
  @req:rc-error-list-beside-rfc-fields @req:6749-5.2-invalid-request
  Scenario: Token errors carry RingCentral's error list beside the RFC fields
    When the app requests a token without a grant type
    Then the token request fails with invalid_request
    And the error lists RingCentral error codes
