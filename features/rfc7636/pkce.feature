@rfc7636 @rfc7636-4.6
Feature: Proof Key for Code Exchange
  A public client cannot keep a secret, so it proves at the token endpoint that it is the party that
  started the flow: only the holder of the verifier behind the challenge can redeem the code.

  Background:
    Given a public browser-based app

  @browser
  @req:7636-4.2-server-supports-s256 @req:7636-4.6-matching-verifier-proceeds
  Scenario: The code is redeemed with the verifier behind the challenge
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code with its code verifier
    Then the app receives a bearer access token

  @browser @rfc7636-4.2
  @req:7636-4.2-plain-method-optional
  Scenario: A plain challenge is redeemed with the verifier itself
    Given the user has signed in and approved the app with a plain PKCE challenge
    When the app redeems the code with its code verifier
    Then the app receives a bearer access token

  @browser
  @req:7636-4.6-verifier-must-match @req:7636-4.4-challenge-bound-to-code @req:6749-5.2-invalid-grant
  Scenario: The code is refused with a wrong verifier
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code with a wrong code verifier
    Then the token request fails with invalid_grant

  @browser
  @req:7636-4.5-code-verifier-required @req:7636-4.4-challenge-bound-to-code
  Scenario: The code is refused without a verifier
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code without a code verifier
    Then the token request fails with invalid_grant
