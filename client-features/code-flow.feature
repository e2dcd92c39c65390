@client @browser
Feature: How a client runs the authorization code flow
  The code flow is only as safe as the client's part of it: a PKCE challenge that binds the code to the app
  that asked for it (RFC 7636), a state that binds the answer to the login the user began (RFC 6749 §10.12),
  and a redemption that repeats exactly what the authorization request said (§4.1.3).

  @req:rc-public-client-sends-pkce @req:7636-4.2-client-uses-s256 @req:7636-4.1-verifier-syntax
  Scenario: A client without a secret protects its code with an S256 PKCE challenge
    Given a public browser-based app
    When the client signs the user in with the code flow
    Then the client's authorization request carried a PKCE challenge
    And the challenge used the S256 method
    And the code exchange carried a well-formed verifier that matches the challenge

  @req:6749-4.1.3-client-same-redirect-uri @req:6749-4.1.2-client-single-use
  Scenario: A client redeems its code once, with the redirect URI it sent
    Given a private server/web app
    When the client signs the user in with the code flow
    Then the client redeemed the code with the redirect URI it had sent
    And the client redeemed each code at most once

  @req:6749-10.12-client-sends-state @req:6749-10.12-state-unguessable
  Scenario: Every login of a client carries a fresh state that cannot be guessed
    Given a private server/web app
    When the client signs the user in with the code flow twice
    Then each authorization request of the client carried a state
    And no two states were alike and none could be guessed

  @req:6749-10.12-client-csrf-protection @req:6749-4.1.1-state-against-csrf
  Scenario: A client refuses an authorization response it did not ask for
    Given a private server/web app
    When an authorization response the client did not ask for reaches its redirect URI
    Then the client refused it without redeeming the code
