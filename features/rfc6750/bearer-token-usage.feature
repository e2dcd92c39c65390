@rfc6750
Feature: Using a bearer token at the resource server
  Whoever holds a bearer token may use it, so the resource server must accept it only where RFC 6750
  allows and tell the client, with a WWW-Authenticate challenge, why a token was not good enough.

  Background:
    Given an app holding tokens

  @rfc6750-2.1
  @req:6750-2.1-header-method-supported
  Scenario: A token in the Authorization header is accepted
    When the app calls the protected resource with the token in the authorization header
    Then the protected resource answers with the user's data

  @rfc6750-2.2
  @req:6750-2.2-form-body-may-be-supported
  Scenario: A token in a form body is accepted
    When the app calls the protected resource with the token in the form body
    Then the protected resource answers with the user's data

  @rfc6750-2.3
  @req:6750-2.3-query-may-be-supported
  Scenario: A token in the query string is accepted
    When the app calls the protected resource with the token in the query string
    Then the protected resource answers with the user's data

  @rfc6750-3
  @req:6750-3-www-authenticate-required @req:6750-3-bearer-scheme
  Scenario: A request without a token is challenged
    When the app calls the protected resource without a token
    Then the protected resource refuses with a Bearer challenge

  @rfc6750-3.1
  @req:6750-3.1-no-error-without-credentials
  Scenario: A request without a token is challenged without an error code
    When the app calls the protected resource without a token
    Then the challenge carries no error code

  @rfc6750-3.1
  @req:6750-3.1-invalid-token-code @req:6749-7-validate-access-token @req:6749-10.3-access-tokens-unforgeable
  Scenario: A malformed token is refused as invalid_token
    When the app calls the protected resource with a made-up token
    Then the protected resource refuses with a Bearer challenge naming invalid_token

  @rfc6750-3
  @req:6750-3-error-on-failed-token
  Scenario: A refused token is told why
    When the app calls the protected resource with a made-up token
    Then the protected resource refuses with a Bearer challenge naming invalid_token

  @rfc6750-3.1
  @req:6749-7-refuse-expired-token @req:6750-3.1-invalid-token-code
  Scenario: An expired token is refused as invalid_token
    Given the access token has outlived its lifetime
    When the app calls the protected resource with the token in the authorization header
    Then the protected resource refuses with a Bearer challenge naming invalid_token

  @rfc6750-2 @rfc6750-3.1
  @req:6750-3.1-invalid-request-code
  Scenario: A token sent in two places at once is an invalid request
    When the app calls the protected resource with the token in the authorization header and the query string
    Then the protected resource refuses the request as invalid_request

  @rfc6750-3.1
  @req:6750-3.1-invalid-request-400
  Scenario: An invalid request is answered with HTTP 400
    When the app calls the protected resource with the token in the authorization header and the query string
    Then the refusal has HTTP status 400
