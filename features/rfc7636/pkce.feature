@rfc7636 @rfc7636-4.6
Feature: Proof Key for Code Exchange
  A public client cannot keep a secret, so it proves at the token endpoint that it is the party that
  started the flow: only the holder of the verifier behind the challenge can redeem the code.

  Background:
    Given a public browser-based app

  @browser
  Scenario: The code is redeemed with the verifier behind the challenge
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code with its code verifier
    Then the app receives a bearer access token

  @browser @rfc7636-4.2
  Scenario: A plain challenge is redeemed with the verifier itself
    Given the user has signed in and approved the app with a plain PKCE challenge
    When the app redeems the code with its code verifier
    Then the app receives a bearer access token

  @browser
  Scenario: The code is refused with a wrong verifier
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code with a wrong code verifier
    Then the token request fails with invalid_grant

  @browser
  Scenario: The code is refused without a verifier
    Given the user has signed in and approved the app with a PKCE challenge
    When the app redeems the code without a code verifier
    Then the token request fails with invalid_grant
