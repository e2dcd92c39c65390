@rfc6749 @rfc6749-5.1
Feature: What a successful token response holds
  A client can use only what it can read: the server answers in one plain JSON object and says what it
  granted, and the tokens it hands out must be as hard to guess as the RFC demands.

  Background:
    Given a private desktop app

  @rfc6749-3.2 @rfc6749-8.2
  @req:6749-5.1-status-200 @req:6749-5.1-json-body @req:6749-5.1-json-value-types
  @req:6749-5.1-access-token-required @req:6749-5.1-token-type-required
  @req:6749-3.2-no-repeated-response-param @req:6749-8.2-param-name-syntax
  Scenario: A granted request is answered with one well-formed JSON object
    When the app requests a token with the user's password
    Then the token response is a single JSON object with access_token and token_type
    And each member of it is named once, with a valid name and a value of the right JSON type

  @req:6749-5.1-expires-in-recommended
  Scenario: The token response says how long the access token lives
    When the app requests a token with the user's password
    Then the token response states the access token's lifetime in expires_in

  @rfc6749-10.10 @rfc6749-10.3 @rfc6749-10.4
  @req:6749-10.10-guess-probability-2-128 @req:6749-10.10-credentials-unguessable
  @req:6749-10.3-access-tokens-unforgeable @req:6749-10.4-refresh-tokens-unforgeable
  Scenario: Issued tokens are too long and too fresh to guess
    When the app requests a token with the user's password twice
    Then every access and refresh token issued is long enough to carry 128 bits
    And no token of the second issue repeats one of the first

  @rfc6749-3.3 @req:6749-3.3-default-scope-or-invalid-scope
  Scenario: A request without a scope gets the default scope or invalid_scope
    When the app requests a token with the user's password
    Then the server grants its default scope or refuses with invalid_scope

  @rfc6749-3.3 @req:6749-3.3-report-changed-scope @req:6749-5.1-scope-required-if-changed
  Scenario: A token reaches no further than the scope its response states
    When the app requests a token with the user's password for the scope "ReadAccounts"
    Then the token reaches no resource beyond the scope the response states
