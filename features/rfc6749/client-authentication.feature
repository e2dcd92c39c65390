@rfc6749 @rfc6749-2.3
Feature: Client authentication at the token endpoint
  A confidential client proves who it is with its secret, by HTTP Basic. A failed authentication is
  invalid_client, and when the client used the Authorization header the answer is 401 with a challenge.

  @rfc6749-2.3.1 @rfc6749-5.2
  @req:6749-5.2-invalid-client @req:6749-5.2-invalid-client-401-challenge @req:6749-4.3.2-authenticate-client
  Scenario: A wrong client secret is refused with 401 and a Basic challenge
    Given a private desktop app
    When the app requests a token with a wrong client secret
    Then the token request fails with invalid_client
    And the response challenges the client to authenticate with Basic

  @rfc6749-2.3.1 @rfc6749-5.2
  @req:6749-5.2-invalid-client @req:6749-5.2-invalid-client-401-challenge
  Scenario: A malformed Basic header is refused with 401 and a Basic challenge
    Given a private desktop app
    When the app requests a token with a malformed Basic header
    Then the token request fails with invalid_client
    And the response challenges the client to authenticate with Basic

  @rfc6749-3.2.1 @rfc6749-5.2
  @req:6749-3.2.1-confidential-client-authenticates @req:6749-2.2-client-id-not-authentication @req:6749-4.3.2-require-client-auth @req:6749-5.2-invalid-client
  Scenario: A confidential app that does not authenticate is refused
    Given a private desktop app
    When the app requests a token without authenticating
    Then the token request fails with invalid_client

  @rfc6749-3.2.1 @rfc6749-5.2
  @req:6749-3.2.1-confidential-client-authenticates @req:6749-4.3.2-require-client-auth @req:6749-5.2-invalid-client
  Scenario: A token request that names no client at all is refused
    Given a private desktop app
    When the app requests a token without identifying itself
    Then the token request fails with invalid_client

  @rfc6749-2.3 @rfc6749-5.2
  @req:6749-2.3-single-auth-method @req:6749-5.2-invalid-request
  Scenario: An app may not use two authentication methods at once
    Given a private desktop app
    When the app requests a token authenticating both by header and in the body
    Then the token request fails with invalid_request

  @rfc6749-3.2.1 @rfc6749-5.2 @browser
  @req:7636-5-server-may-accept-non-pkce
  Scenario: A public app identifies itself with its client id alone
    Given a public browser-based app
    And the user has signed in and approved the app
    When the app redeems the code
    Then the app receives a bearer access token

  @rfc6749-4.1.3 @browser
  @req:6749-4.1.3-code-bound-to-client-id @req:6749-5.2-invalid-grant
  Scenario: A public app cannot redeem another public app's code
    Given a public browser-based app
    And the user has signed in and approved the app
    When a public desktop app redeems the app's code
    Then the token request fails with invalid_grant

  @rfc6749-3.2.1 @rfc6749-4.1.3 @browser
  @req:6749-3.2.1-public-client-sends-client-id @req:6749-4.1.3-client-id-if-unauthenticated
  Scenario: A public app that does not name itself cannot redeem its code
    Given a public browser-based app
    And the user has signed in and approved the app
    When the app redeems the code without identifying itself
    Then the token request fails with invalid_client or invalid_request
