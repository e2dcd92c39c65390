@rfc6749 @rfc6749-4.1
Feature: Authorization code grant
  A client with a user interface sends the user to the authorization server and trades the code it
  gets back for tokens. The code is the weak point, so the server must keep it short-lived and bound.

  Background:
    Given a private server/web app

  @rfc6749-4.1.2 @browser
  Scenario: The user signs in and approves; the app gets a code and its state back
    When the user signs in and approves the app
    Then the app receives an authorization code
    And the state the app sent comes back unchanged

  @rfc6749-4.1.3 @rfc6749-5.1 @browser
  Scenario: The code is exchanged for a bearer token the resource accepts
    Given the user has signed in and approved the app
    When the app redeems the code
    Then the app receives a bearer access token
    And the protected resource accepts the access token

  @rfc6749-4.1.2 @browser
  Scenario: A code can be redeemed only once
    Given the user has signed in and approved the app
    And the app has redeemed the code
    When the app redeems the code a second time
    Then the token request fails with invalid_grant

  @rfc6749-4.1.2 @rfc6749-10.5 @browser
  Scenario: Redeeming a code twice revokes the tokens issued for it
    Given the user has signed in and approved the app
    And the app has redeemed the code
    When the app redeems the code a second time
    Then the token request fails with invalid_grant
    And the protected resource refuses the access token

  @rfc6749-4.1.2 @browser
  Scenario: A code expires
    Given the user has signed in and approved the app
    And 10 minutes pass
    When the app redeems the code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  Scenario: A code is bound to the client it was issued to
    Given the user has signed in and approved the app
    When a private desktop app redeems the app's code
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  Scenario: A code is bound to the redirect URI it was issued for
    Given the user has signed in and approved the app
    When the app redeems the code with its other registered redirect URI
    Then the token request fails with invalid_grant

  @rfc6749-4.1.3 @browser
  Scenario: Redeeming a code requires the redirect URI used to obtain it
    Given the user has signed in and approved the app
    When the app redeems the code without a redirect URI
    Then the token request fails with invalid_grant

  @rfc6749-4.1.2.1 @browser
  Scenario: The user declines
    When the user signs in and declines the app
    Then the app is told access_denied
    And the state the app sent comes back unchanged

  @rfc6749-4.1.2.1 @rfc6749-3.1.2.4
  Scenario: An unregistered redirect URI is never redirected to
    When the app asks for authorization with an unregistered redirect URI
    Then the authorization server shows an error instead of redirecting

  @rfc6749-4.1.2.1
  Scenario: An unknown client is never redirected
    When an unknown client asks for authorization
    Then the authorization server shows an error instead of redirecting

  @rfc6749-4.1.2.1
  Scenario: An unsupported response type is reported back to the app
    When the app asks for authorization with response type "token"
    Then the app is told unsupported_response_type
    And the state the app sent comes back unchanged

  @rfc6749-4.1.2.1
  Scenario: A request without a response type is reported back as invalid
    When the app asks for authorization without a response type
    Then the app is told invalid_request

  @rfc6749-4.1.2.1 @rfc6749-3.3
  Scenario: A scope beyond the app's permissions is reported back to the app
    When the app asks for authorization with the scope "EditEverything"
    Then the app is told invalid_scope
