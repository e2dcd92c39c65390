@rfc6749 @rfc6749-4.1
Feature: Authorization code grant
  A client with a user interface sends the user to the authorization server and trades the code it
  gets back for tokens. The code is the weak point, so the server must keep it short-lived and bound.

  Background:
    Given a private server/web app

  @rfc6749-4.1.2 @browser
  @req:6749-4.1.2-code-in-response @req:6749-4.1.2-state-echoed
  Scenario: The user signs in and approves; the app gets a code and its state back
    When the user signs in and approves the app
    Then the app receives an authorization code
    And the state the app sent comes back unchanged

  @rfc6749-4.1.3 @rfc6749-5.1 @browser
  @req:6749-5.1-status-200 @req:6749-5.1-access-token-required @req:6749-5.1-token-type-required @req:6750-2.1-header-method-supported
  Scenario: The code is exchanged for a bearer token the resource accepts
    Given the user has signed in and approved the app
    When the app redeems the code
    Then the app receives a bearer access token
    And the protected resource accepts the access token

  @rfc6749-4.1.2 @browser
  @req:6749-4.1.2-code-single-use @req:6749-10.5-code-single-use @req:6749-5.2-invalid-grant
  Scenario: A code can be redeemed only once
    Given the user has signed in and approved the app
    And the app has redeemed the code
    When the app redeems the code a second time
    Then the token request fails with invalid_grant

  @rfc6749-4.1.2 @rfc6749-10.5 @browser
  @req:6749-4.1.2-revoke-on-code-reuse @req:6749-10.5-code-reuse-revokes-tokens @req:6749-4.1.2-code-single-use
  Scenario: Redeeming a code twice revokes the tokens issued for it
    Given the user has signed in and approved the app
    And the app has redeemed the code
    When the app redeems the code a second time
    Then the token request fails with invalid_grant
    And the protected resource refuses the access token

  @rfc6749-4.1.2 @browser
  @req:6749-4.1.2-code-lifetime-ten-minutes
  Scenario: A code expires
    Given the user has signed in and approved the app
    And 10 minutes pass
    When the app redeems the code
    Then the token request fails with invalid_grant

  # "Shortly" has no number in the RFC; a code still good after an hour is long past any reading of it.
  @rfc6749-4.1.2 @rfc6749-10.5 @browser
  @req:6749-4.1.2-code-expires-shortly @req:6749-10.5-code-short-lived @req:6749-5.2-invalid-grant
  Scenario: A code is not redeemable an hour after it was issued
    Given the user has signed in and approved the app
    And 60 minutes pass
    When the app redeems the code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.2 @ringcentral @browser
  @req:rc-code-lives-a-minute
  Scenario: RingCentral's codes expire after a minute
    Given the user has signed in and approved the app
    And 2 minutes pass
    When the app redeems the code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  @req:6749-4.1.3-code-bound-to-client @req:6749-10.5-code-bound-to-client @req:6749-5.2-invalid-grant
  Scenario: A code is bound to the client it was issued to
    Given the user has signed in and approved the app
    When a private desktop app redeems the app's code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @rfc6749-2.3.1 @browser
  @req:6749-4.1.3-authenticate-client @req:6749-5.2-invalid-client
  Scenario: A code is not redeemed for an app with a wrong secret
    Given the user has signed in and approved the app
    When the app redeems the code with a wrong client secret
    Then the token request fails with invalid_client

  @rfc6749-4.1.3
  @req:6749-4.1.3-code-valid @req:6749-5.2-invalid-grant
  Scenario: A made-up code is refused
    When the app redeems a made-up authorization code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  @req:6749-4.1.3-redirect-uri-identical @req:6749-10.6-redirect-uri-must-match @req:6749-5.2-invalid-grant
  Scenario: A code is bound to the redirect URI it was issued for
    Given the user has signed in and approved the app
    When the app redeems the code with its other registered redirect URI
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  @req:6749-4.1.3-redirect-uri-required-if-sent @req:6749-10.6-redirect-uri-must-match @req:6749-5.2-invalid-grant
  Scenario: Redeeming a code requires the redirect URI used to obtain it
    Given the user has signed in and approved the app
    When the app redeems the code without a redirect URI
    Then the token request fails with invalid_grant

  @rfc6749-4.1.2.1 @browser
  @req:6749-4.1.2.1-access-denied @req:6749-4.1.2.1-error-required @req:6749-4.1.2.1-error-state-echoed @req:6749-10.12-explicit-owner-consent
  Scenario: The user declines
    When the user signs in and declines the app
    Then the app is told access_denied
    And the state the app sent comes back unchanged

  @rfc6749-4.1.2.1 @rfc6749-3.1.2.4
  @req:6749-4.1.2.1-no-redirect-bad-redirect-uri @req:6749-3.1.2.4-no-redirect-to-invalid-uri @req:6749-3.1.2.3-match-registered-redirect @req:6749-10.6-validate-redirect-uri
  Scenario: An unregistered redirect URI is never redirected to
    When the app asks for authorization with an unregistered redirect URI
    Then the authorization server refuses the request without redirecting to the redirect URI

  @rfc6749-4.1.2.1
  @req:6749-4.1.2.1-no-redirect-bad-client-id
  Scenario: An unknown client is never redirected
    When an unknown client asks for authorization
    Then the authorization server refuses the request without redirecting to the redirect URI

  @rfc6749-4.1.2.1
  @req:6749-4.1.2.1-unsupported-response-type @req:6749-4.1.2.1-error-state-echoed
  Scenario: An unsupported response type is reported back to the app
    When the app asks for authorization with response type "token"
    Then the app is told unsupported_response_type
    And the state the app sent comes back unchanged

  @rfc6749-4.1.2.1
  @req:6749-4.1.1-response-type-required @req:6749-3.1.1-response-type-required @req:6749-4.1.2.1-invalid-request
  Scenario: A request without a response type is reported back as invalid
    When the app asks for authorization without a response type
    Then the app is told invalid_request

  @rfc6749-4.1.2.1 @rfc6749-3.3
  @req:6749-4.1.2.1-invalid-scope
  Scenario: A scope beyond the app's permissions is reported back to the app
    When the app asks for authorization with the scope "EditEverything"
    Then the app is told invalid_scope
