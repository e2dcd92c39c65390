@rfc6749 @rfc6749-3.2
Feature: What a token request must carry, and what it may add
  The token endpoint must ignore what it does not know, take an empty parameter for a missing one and
  refuse a request that lacks what its grant needs, or whose client does not prove who it is.

  Background:
    Given a private desktop app

  @req:6749-3.2-ignore-unknown-params
  Scenario: A token request parameter the server does not know is ignored
    When the app requests a token with the user's password and a parameter the server does not know
    Then the app receives a bearer access token

  @rfc6749-4.3.2 @rfc6749-5.2
  @req:6749-3.2-empty-param-as-absent @req:6749-4.3.2-password-required @req:6749-5.2-invalid-request
  Scenario: A password sent empty counts as no password
    When the app requests a token with an empty password
    Then the token request fails with invalid_request

  @rfc6749-4.3.2 @rfc6749-5.2 @req:6749-4.3.2-username-required @req:6749-5.2-invalid-request
  Scenario: A password grant without the username is invalid
    When the app requests a token without the username
    Then the token request fails with invalid_request

  @rfc6749-5.2 @rfc6749-3.3 @req:6749-5.2-invalid-scope
  Scenario: A scope the app was never granted is refused at the token endpoint
    When the app requests a token with the user's password for the scope "EditEverything"
    Then the token request fails with invalid_scope

  @rfc6749-4.1.3 @rfc6749-3.2.1 @rfc6749-10.2 @rfc6749-5.2 @browser
  @req:6749-4.1.3-require-client-auth @req:6749-3.2.1-confidential-client-authenticates
  @req:6749-10.2-authenticate-client-when-possible @req:6749-5.2-invalid-client
  Scenario: A confidential app must authenticate to redeem its code
    Given the user has signed in and approved the app
    When the app redeems the code without authenticating
    Then the token request fails with invalid_client

  @rfc6749-4.1.3 @rfc6749-5.2 @req:6749-4.1.3-code-required @req:6749-5.2-invalid-request
  Scenario: A code redemption without the code is invalid
    When the app redeems an authorization code without sending the code
    Then the token request fails with invalid_request

  @rfc6749-2.3.1 @req:6749-2.3.1-basic-credentials-form-encoded @req:6749-2.3.1-server-supports-basic
  Scenario: The server form-decodes the client id and secret of a Basic header
    When the app requests a token with its Basic credentials percent-encoded
    Then the app receives a bearer access token
