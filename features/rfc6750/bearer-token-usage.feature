@rfc6750
Feature: Using a bearer token at the resource server
  Whoever holds a bearer token may use it, so the resource server must accept it only where RFC 6750
  allows and tell the client, with a WWW-Authenticate challenge, why a token was not good enough.

  Background:
    Given a private desktop app
    And the app holds tokens from the password flow

  @rfc6750-2.1
  Scenario: A token in the Authorization header is accepted
    When the app calls the protected resource with the token in the authorization header
    Then the protected resource answers with the user's data

  @rfc6750-2.2
  Scenario: A token in a form body is accepted
    When the app calls the protected resource with the token in the form body
    Then the protected resource answers with the user's data

  @rfc6750-2.3
  Scenario: A token in the query string is accepted
    When the app calls the protected resource with the token in the query string
    Then the protected resource answers with the user's data

  @rfc6750-3 @rfc6750-3.1
  Scenario: A request without a token is challenged without an error code
    When the app calls the protected resource without a token
    Then the protected resource refuses with 401 and a Bearer challenge without an error code

  @rfc6750-3.1
  Scenario: A malformed token is refused as invalid_token
    When the app calls the protected resource with a made-up token
    Then the protected resource refuses with 401 and a Bearer challenge naming invalid_token

  @rfc6750-3.1
  Scenario: An expired token is refused as invalid_token
    Given the access token has outlived its lifetime
    When the app calls the protected resource with the token in the authorization header
    Then the protected resource refuses with 401 and a Bearer challenge naming invalid_token

  @rfc6750-2 @rfc6750-3.1
  Scenario: A token sent in two places at once is an invalid request
    When the app calls the protected resource with the token in the authorization header and the query string
    Then the protected resource refuses the request as invalid_request
