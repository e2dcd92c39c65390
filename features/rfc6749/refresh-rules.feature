@rfc6749 @rfc6749-6
Feature: The rules a refresh request is held to
  A refresh token is a long-lived credential: the server must insist on the client's authentication and
  on a genuine token, and a refresh must neither lose nor widen the scope the resource owner granted.

  @rfc6749-3.2.1 @rfc6749-10.2 @rfc6749-5.2
  @req:6749-6-require-client-auth @req:6749-3.2.1-confidential-client-authenticates
  @req:6749-10.2-authenticate-client-when-possible @req:6749-5.2-invalid-client
  Scenario: A confidential app must authenticate to refresh
    Given an app holding tokens
    When the app refreshes its access token without authenticating
    Then the token request fails with invalid_client

  @rfc6749-5.2 @req:6749-6-refresh-token-required @req:6749-5.2-invalid-request
  Scenario: A refresh without the refresh token is invalid
    Given an app
    When the app asks for a refresh without sending a refresh token
    Then the token request fails with invalid_request

  @rfc6749-5.2 @req:6749-6-grant-type-required @req:6749-5.2-invalid-request
  Scenario: A refresh token sent without a grant type is invalid
    Given an app holding tokens
    When the app sends its refresh token without a grant type
    Then the token request fails with invalid_request

  @rfc6749-3.3 @req:6749-6-omitted-scope-is-original
  Scenario: A refresh without a scope keeps the scope originally granted
    Given an app holding tokens for the scope "ReadAccounts ReadMessages"
    When the app refreshes its access token
    Then the new access token carries the scope "ReadAccounts ReadMessages"

  @rfc6749-3.3 @req:6749-6-omitted-scope-is-original @req:6749-6-new-refresh-token-same-scope
  Scenario: After a narrowing refresh, a refresh without a scope gets the whole grant back
    Given an app holding tokens for the scope "ReadAccounts ReadMessages"
    And the app has refreshed its access token for the scope "ReadAccounts"
    When the app refreshes its access token
    Then the new access token carries the scope "ReadAccounts ReadMessages"

  @rfc6749-10.4 @rfc6749-5.2
  @req:6749-10.4-refresh-tokens-unforgeable @req:6749-6-validate-refresh-token @req:6749-5.2-invalid-grant
  Scenario: A refresh token altered in one character is refused
    Given an app holding tokens
    When the app refreshes with its refresh token altered in one character
    Then the token request fails with invalid_grant

  @req:6749-6-may-rotate-refresh-token @req:6749-6-may-revoke-old-refresh-token
  Scenario: A refresh replaces the refresh token and retires the old one
    Given an app holding tokens
    When the app refreshes its access token
    Then the app receives a new refresh token
    And the previous refresh token no longer works

  @rfc6749-10.4 @browser @req:6749-10.4-detect-refresh-token-abuse
  Scenario: A public app's refresh token is replaced at every refresh, so a stolen copy dies
    Given a public desktop app holding tokens from the authorization code flow
    When the app refreshes its access token
    Then the app receives a new refresh token
    And the previous refresh token no longer works
