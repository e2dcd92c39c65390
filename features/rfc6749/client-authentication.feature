@rfc6749 @rfc6749-2.3
Feature: Client authentication at the token endpoint
  A confidential client proves who it is with its secret, by HTTP Basic. A failed authentication is
  invalid_client, and when the client used the Authorization header the answer is 401 with a challenge.

  @rfc6749-2.3.1 @rfc6749-5.2
  Scenario: A wrong client secret is refused with 401 and a Basic challenge
    Given a private desktop app
    When the app requests a token with a wrong client secret
    Then the token request fails with invalid_client
    And the response challenges the client to authenticate with Basic

  @rfc6749-2.3.1 @rfc6749-5.2
  Scenario: A malformed Basic header is refused with 401 and a Basic challenge
    Given a private desktop app
    When the app requests a token with a malformed Basic header
    Then the token request fails with invalid_client
    And the response challenges the client to authenticate with Basic

  @rfc6749-3.2.1 @rfc6749-5.2
  Scenario: A confidential app that does not authenticate is refused
    Given a private desktop app
    When the app requests a token without authenticating
    Then the token request fails with invalid_client

  @rfc6749-3.2.1 @rfc6749-5.2
  Scenario: A token request that names no client at all is refused
    Given a private desktop app
    When the app requests a token without identifying itself
    Then the token request fails with invalid_client

  @rfc6749-2.3 @rfc6749-5.2
  Scenario: An app may not use two authentication methods at once
    Given a private desktop app
    When the app requests a token authenticating both by header and in the body
    Then the token request fails with invalid_request

  @rfc6749-3.2.1 @rfc6749-5.2 @browser
  Scenario: A public app identifies itself with its client id alone
    Given a public browser-based app
    And the user has signed in and approved the app
    When the app redeems the code
    Then the app receives a bearer access token
