@rfc6749 @rfc6749-4.3
Feature: Resource owner password credentials grant
  A trusted client sends the user's own credentials to the token endpoint. The server must answer
  a wrong password with invalid_grant and never let a token response be cached.

  Background:
    Given a private desktop app

  @rfc6749-4.3.3 @rfc6749-5.1
  @req:6749-5.1-status-200 @req:6749-5.1-access-token-required @req:6749-5.1-token-type-required @req:6750-2.1-header-method-supported
  Scenario: The right password yields a bearer token the resource accepts
    When the app requests a token with the user's password
    Then the app receives a bearer access token
    And the protected resource accepts the access token

  @rfc6749-5.1
  @req:6749-5.1-no-store-header @req:6749-5.1-pragma-no-cache-header
  Scenario: A token response may not be cached
    When the app requests a token with the user's password
    Then the token response forbids caching

  @rfc6749-5.2 @ringcentral
  @req:6749-4.3.2-validate-owner-credentials @req:6749-5.2-invalid-grant @req:rc-wrong-password-oau-140
  Scenario: A wrong password is refused with invalid_grant
    When the app requests a token with a wrong password
    Then the token request fails with invalid_grant
    And the error carries RingCentral's error code OAU-140

  @rfc6749-5.2
  @req:6749-4.3.2-validate-owner-credentials @req:6749-5.2-invalid-grant
  Scenario: An unknown user is refused with invalid_grant
    When the app requests a token for an unknown user
    Then the token request fails with invalid_grant

  @rfc6749-4.3.2 @rfc6749-5.2
  @req:6749-4.3.2-password-required @req:6749-5.2-invalid-request
  Scenario: A request without the password is invalid
    When the app requests a token without the password
    Then the token request fails with invalid_request

  @ringcentral
  @req:rc-token-errors-not-cacheable @req:6749-5.2-invalid-grant @req:6749-4.3.2-validate-owner-credentials
  Scenario: RingCentral marks token error responses as not cacheable too
    When the app requests a token with a wrong password
    Then the token request fails with invalid_grant
    And the token response forbids caching
