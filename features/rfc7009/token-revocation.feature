@rfc7009
Feature: Token revocation
  A client that is done with its tokens tells the authorization server, which then ends them. RFC 7009
  leaves it to the server whether revoking an access token also ends the refresh token; RingCentral ends
  the whole session either way.

  Background:
    Given an app holding tokens

  @rfc7009-2.1 @rfc7009-2.2 @ringcentral
  @req:rc-revocation-ends-session @req:7009-2.1-revocation-takes-effect-immediately
  Scenario: Revoking the access token ends the session
    When the app revokes its access token
    Then the revocation succeeds
    And the protected resource refuses the access token
    And the refresh token no longer works

  @rfc7009-2 @rfc7009-2.2
  @req:7009-2-revoke-refresh-tokens @req:7009-2.1-revocation-takes-effect-immediately @req:6749-5.2-invalid-grant
  Scenario: A revoked refresh token no longer works
    When the app revokes its refresh token
    Then the revocation succeeds
    And the refresh token no longer works

  @rfc7009-2.1
  @req:7009-2.1-refresh-revocation-ends-access-tokens
  Scenario: Revoking the refresh token also ends the access token issued with it
    When the app revokes its refresh token
    Then the protected resource refuses the access token

  @rfc7009-2
  @req:7009-2-revoke-access-tokens
  Scenario: An access token can be revoked
    When the app revokes its access token
    Then the revocation succeeds
    And the protected resource refuses the access token

  @rfc7009-2.1
  @req:7009-2.1-access-revocation-may-end-refresh
  Scenario: Revoking the access token may end the refresh token too
    When the app revokes its access token
    Then the refresh token no longer works

  @rfc7009-2.2
  @req:7009-2.2-ok-for-invalid-token
  Scenario: Revoking an unknown token still succeeds
    When the app revokes a made-up token
    Then the revocation succeeds

  @rfc7009-2.2.1
  @req:7009-2.1-token-parameter-required @req:7009-2.2.1-error-format-rfc6749
  Scenario: A revocation request without a token is invalid
    When the app sends a revocation request without a token
    Then the revocation fails with invalid_request

  @rfc7009-2.1
  @req:7009-2.1-client-authenticated-first @req:7009-2.2.1-error-format-rfc6749
  Scenario: A confidential app must authenticate to revoke
    When the app revokes its access token without authenticating
    Then the revocation fails with invalid_client
    And the protected resource accepts the access token

  @rfc7009-2.2
  @req:7009-2.2-ok-for-invalid-token
  Scenario: Revoking a token a second time still succeeds
    Given the app has revoked its refresh token
    When the app revokes its refresh token
    Then the revocation succeeds

  @rfc7009-2.1
  @req:7009-2.1-search-beyond-hint @req:7009-2-revoke-refresh-tokens @req:7009-2.1-revocation-takes-effect-immediately
  Scenario: A wrong token type hint does not stop the revocation
    When the app revokes its refresh token calling it an access token
    Then the revocation succeeds
    And the refresh token no longer works

  @rfc7009-2.1
  @req:7009-2.1-token-issued-to-client
  Scenario: An app cannot revoke another app's token
    When a private mobile app revokes the app's access token
    Then the revocation is refused
    And the protected resource accepts the access token
