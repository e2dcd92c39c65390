@rfc6750
Feature: Bearer challenges and the tokens the resource server refuses
  A client learns why the resource server turned its token down only from the WWW-Authenticate challenge,
  so every challenge must name the right error and parse cleanly, and tokens must not outlive their use.

  Background:
    Given an app

  @rfc6750-3 @rfc6750-3.1 @rfc6749 @rfc6749-7
  @req:6750-3.1-insufficient-scope-code @req:6749-7-enforce-token-scope @req:6750-3-www-authenticate-required @req:6750-3-bearer-scheme
  Scenario: A token without the scope a resource needs is refused as insufficient_scope
    Given the app holds tokens for the scope "ReadAccounts"
    When the app calls a resource its token has no scope for
    Then the resource refuses the token with a Bearer challenge naming insufficient_scope

  @rfc6750-3.1 @req:6750-3.1-insufficient-scope-403
  Scenario: A refusal for insufficient scope has status 403
    Given the app holds tokens for the scope "ReadAccounts"
    When the app calls a resource its token has no scope for
    Then the refusal has HTTP status 403

  @rfc6750-3 @rfc6750-3.1 @req:6750-3.1-insufficient-scope-names-scope @req:6750-3-scope-optional
  Scenario: A refusal for insufficient scope names the scope the resource needs
    Given the app holds tokens for the scope "ReadAccounts"
    When the app calls a resource its token has no scope for
    Then the challenge names the scope the resource needs

  @rfc6750-3
  @req:6750-3-scheme-has-auth-params @req:6750-3-realm-at-most-once @req:6750-3-scope-at-most-once
  @req:6750-3-error-attrs-at-most-once @req:6750-3-scope-value-charset @req:6750-3-error-value-charset
  @req:6750-3-error-uri-syntax @req:6750-3-www-authenticate-required @req:6750-3-bearer-scheme
  Scenario: Every Bearer challenge is well formed
    Given the app holds tokens for the scope "ReadAccounts"
    When the app calls the resources without a token, with a made-up token and with a token lacking the needed scope
    Then every Bearer challenge it received is well formed

  @rfc6750-3.1 @rfc6750-5.2 @rfc6749 @rfc6749-7 @rfc6749-10.3
  @req:6749-10.3-access-tokens-unforgeable @req:6750-5.2-token-integrity-protected @req:6749-7-validate-access-token @req:6750-3.1-invalid-token-code
  Scenario: An access token altered in one character is refused as invalid_token
    Given the app holds tokens
    When the app calls the protected resource with its access token altered in one character
    Then the resource refuses the token with a Bearer challenge naming invalid_token
    And the protected resource accepts the access token

  @rfc6750-3.1 @req:6750-3.1-invalid-token-401
  Scenario: An altered access token is refused with status 401
    Given the app holds tokens
    When the app calls the protected resource with its access token altered in one character
    Then the refusal has HTTP status 401

  @rfc6750-2.3 @req:6750-2.3-query-response-private
  Scenario: A successful answer to a token in the query string is marked private for caches
    Given the app holds tokens
    When the app calls the protected resource with the token in the query string
    Then the answer is marked private for caches

  @rfc6750-5.2 @rfc6749 @rfc6749-7 @req:6750-5.2-token-lifetime-limited @req:6749-7-refuse-expired-token
  Scenario: An access token stops working once its stated lifetime is over
    Given the app holds tokens
    And the token response states a finite lifetime for the access token
    And the protected resource accepts the access token
    When the access token has outlived its lifetime
    Then the protected resource refuses the access token
