@ringcentral @jwt
Feature: The JWT bearer grant
  RingCentral replaced the password grant with the JWT bearer grant of RFC 7523: a private app presents a
  user's JWT credential, made in the developer console, as the assertion and gets tokens for that user.
  Only a credential the platform issued may work.

  Background:
    Given a private server-only app

  @req:rc-jwt-grant-issues-tokens
  Scenario: A JWT credential yields a bearer token the resource accepts
    When the app requests a token with the user's JWT credential
    Then the app receives a bearer access token
    And the protected resource accepts the access token

  @req:rc-jwt-grant-refuses-bad-assertion
  Scenario: A JWT credential altered in one character is refused
    When the app requests a token with the user's JWT credential altered in one character
    Then the token request fails with invalid_grant
    And no token is issued

  @req:rc-jwt-grant-needs-assertion
  Scenario: A JWT grant without an assertion is an invalid request
    When the app requests a token by the JWT grant without an assertion
    Then the token request fails with invalid_request
    And no token is issued

  @req:rc-jwt-grant-issues-tokens @req:6749-6-validate-refresh-token
  Scenario: Tokens from the JWT grant can be refreshed
    Given the app holds tokens from the JWT flow
    When the app refreshes its access token
    Then the app receives a new bearer access token
