@rfc7009
Feature: Revocation rules: hints, token types and errors
  A client revokes tokens to end its access when it is done or compromised, so the endpoint must either end
  a token at once or say plainly why not, and a failed request must never revoke anything.

  Background:
    Given an app holding tokens

  @rfc7009-2.2 @req:7009-2.2-unknown-hint-ignored
  Scenario: An unknown token type hint is ignored
    When the app revokes its access token with the token type hint "session_ticket"
    Then the revocation succeeds
    And the access token no longer works

  @rfc7009-2.1 @rfc7009-2.2.1
  @req:7009-2.2.1-unsupported-token-type @req:7009-2.1-revocation-takes-effect-immediately
  Scenario: Revoking an access token either ends it at once or is refused as unsupported_token_type
    When the app revokes its access token
    Then the access token is either revoked at once or refused as an unsupported token type

  @rfc7009-2.2.1 @req:7009-2.2.1-error-format-rfc6749 @req:7009-2.1-token-parameter-required
  Scenario: A revocation request without a token gets an RFC 6749 invalid_request error
    When the app sends a revocation request without a token
    Then the revocation fails with an RFC 6749 error invalid_request

  @rfc7009-2.1 @rfc7009-2.2.1 @req:7009-2.2.1-error-format-rfc6749 @req:7009-2.1-client-authenticated-first
  Scenario: A wrong client secret is refused as invalid_client and revokes nothing
    When the app revokes its access token with a wrong client secret
    Then the revocation fails with an RFC 6749 error invalid_client
    And the failure challenges the client to authenticate with Basic
    And the access token still works
