@rfc6749 @rfc6749-6
Feature: Refreshing an access token
  A refresh token buys a new access token without the user. It belongs to the client it was issued
  to and can never widen what the user granted.

  Background:
    Given an app

  @req:6749-5.1-status-200 @req:6749-5.1-access-token-required @req:6749-5.1-token-type-required @req:6750-2.1-header-method-supported
  Scenario: A refresh yields a new access token that the resource accepts
    Given the app holds tokens
    When the app refreshes its access token
    Then the app receives a new bearer access token
    And the protected resource accepts the new access token

  @rfc6749-10.4
  @req:6749-6-refresh-token-bound-to-client @req:6749-10.4-refresh-token-bound-to-client @req:6749-5.2-invalid-grant
  Scenario: A refresh token is bound to the client it was issued to
    Given the app holds tokens
    When a private mobile app uses the app's refresh token
    Then the token request fails with invalid_grant

  @rfc6749-5.2
  @req:6749-6-validate-refresh-token @req:6749-10.4-refresh-tokens-unforgeable @req:6749-5.2-invalid-grant
  Scenario: A made-up refresh token is refused
    When the app refreshes with a made-up refresh token
    Then the token request fails with invalid_grant

  @rfc6749-6 @rfc6749-3.3
  @req:6749-6-refuse-broader-scope @req:6749-5.2-invalid-scope
  Scenario: A refresh cannot widen the granted scope
    Given the app holds tokens for the scope "ReadAccounts"
    When the app refreshes its access token asking for the scope "ReadAccounts ReadMessages"
    Then the token request fails with invalid_scope

  @ringcentral
  @req:rc-refresh-ends-previous-access-token
  Scenario: After a refresh the previous access token stops working
    Given the app holds tokens
    When the app refreshes its access token
    Then the protected resource refuses the previous access token
