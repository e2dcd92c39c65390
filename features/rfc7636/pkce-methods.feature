@rfc7636
Feature: PKCE challenge methods
  The method bound to the challenge decides how the verifier is checked. A server that guesses the method,
  lets the client switch it at redemption or leaks a plain challenge in the code helps whoever stole the code.

  Background:
    Given a public browser-based app

  @rfc7636-4.4.1 @rfc6749-4.1.2.1
  @req:7636-4.4.1-unsupported-method-invalid-request @req:6749-4.1.2.1-invalid-request @req:6749-4.1.2.1-error-required
  @req:6749-4.1.2.1-error-state-echoed @req:6749-4.1.2.1-error-charset @req:6749-4.1.2.1-error-description-charset
  @req:6749-4.1.2.1-error-uri-syntax @req:6749-3.1-no-repeated-response-param
  Scenario: A challenge method the server does not support is reported back as invalid
    When the app asks for authorization with a PKCE challenge using the method "S512"
    Then the app is told invalid_request in a well-formed error redirect
    And the state the app sent comes back unchanged

  @browser @rfc7636-4.3 @req:7636-4.3-method-defaults-plain @req:7636-4.6-matching-verifier-proceeds
  Scenario: A challenge sent without a method is treated as plain
    Given the user has signed in and approved the app with a PKCE challenge but no method
    When the app redeems the code with its code verifier
    Then the app receives a bearer access token

  @browser @rfc7636-4.5 @rfc7636-4.6 @req:7636-4.6-verify-with-bound-method @req:7636-4.6-verifier-must-match
  Scenario: A code issued for an S256 challenge cannot be redeemed as if the challenge were plain
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code presenting the challenge itself as the verifier
    Then the token request fails with invalid_grant

  @browser @rfc7636-4.4 @rfc7636-7.2 @req:7636-4.4-challenge-not-extractable @req:7636-7.2-plain-challenge-encrypted
  Scenario: The code does not reveal a plain challenge
    When the user signs in and approves the app with a plain PKCE challenge
    Then the code does not reveal the challenge
