@rfc6750
Feature: Optional parts of Bearer challenges, and the recommended scope and lifetime of tokens
  A challenge may say more than its error code, and a server is advised to keep bearer tokens narrow and
  short-lived, since whoever holds one can use it. What a server offers here is reported, never blocking.

  @rfc6750-3 @req:6750-3-realm-optional
  Scenario: A Bearer challenge may name a realm
    Given an app
    When the app calls the protected resource with a made-up token
    Then the Bearer challenge carries a realm

  @rfc6750-3 @req:6750-3-error-description-optional
  Scenario: A Bearer challenge may explain the error in error_description
    Given an app
    When the app calls the protected resource with a made-up token
    Then the Bearer challenge carries an error_description

  @rfc6750-3 @req:6750-3-error-uri-optional
  Scenario: A Bearer challenge may point to a page about the error in error_uri
    Given an app
    When the app calls the protected resource with a made-up token
    Then the Bearer challenge carries an error_uri

  @rfc6750-3 @req:6750-3-other-auth-params
  Scenario: A Bearer challenge may carry attributes RFC 6750 does not define
    Given an app
    When the app calls the protected resource with a made-up token
    Then the Bearer challenge carries an attribute RFC 6750 does not define

  @rfc6750-3 @req:6750-3-www-authenticate-other-cases
  Scenario: A refusal that is not about the token may carry a Bearer challenge too
    Given an app holding tokens
    When the app calls a resource that does not exist with its access token
    Then the answer carries a Bearer challenge all the same

  @rfc6750-5.2 @req:6750-5.2-token-scope-restricted
  Scenario: A bearer token is limited to a scope its response states
    Given an app
    When the app requests a token with the user's password for the scope "ReadAccounts"
    Then the token response states the scope the token is limited to
    And the token reaches no resource beyond the scope the response states

  @rfc6750-5.3 @browser @req:6750-5.3-short-lived-tokens
  Scenario: A browser-based app's access token lives an hour or less
    Given a public browser-based app
    And the user has signed in and approved the app
    When the app redeems the code
    Then the access token is announced to live an hour or less
