@rfc6749
Feature: What the authorization server may offer, and what it is recommended to do
  RFC 6749 lets a server offer more than it must and recommends more than it demands. A client can rely
  only on what it has seen, so these are detected and reported: a missing one warns or is noted, never blocks.

  @rfc6749-2.3.1 @req:6749-2.3.1-body-credentials-optional
  Scenario: A confidential app may authenticate with its client id and secret in the body
    Given a private desktop app
    When the app requests a token with its client id and secret in the body
    Then the app receives a bearer access token

  @rfc6749-3.1 @req:6749-3.1-post-optional
  Scenario: An authorization request may be sent by POST
    Given a private server/web app
    When the app asks for authorization by POST
    Then the authorization server asks the user to sign in

  @rfc6749-4.1.2.1 @req:6749-4.1.2.1-error-description-optional
  Scenario: An error redirect may explain the error in error_description
    Given a private server/web app
    When the app asks for authorization with response type "token"
    Then the error redirect carries an error_description

  @rfc6749-4.1.2.1 @req:6749-4.1.2.1-error-uri-optional
  Scenario: An error redirect may point to a page about the error in error_uri
    Given a private server/web app
    When the app asks for authorization with response type "token"
    Then the error redirect carries an error_uri

  @rfc6749-5.2 @req:6749-5.2-error-description-optional
  Scenario: A token error may explain the error in error_description
    Given a private desktop app
    When the app requests a token without a grant type
    Then the token error carries an error_description

  @rfc6749-5.2 @req:6749-5.2-error-uri-optional
  Scenario: A token error may point to a page about the error in error_uri
    Given a private desktop app
    When the app requests a token without a grant type
    Then the token error carries an error_uri

  # A 401 is required only when the client used the Authorization header; here it sent only its client id.
  @rfc6749-5.2 @req:6749-5.2-invalid-client-may-401
  Scenario: An app refused as invalid_client without a Basic header may still get 401 and a challenge
    Given a private desktop app
    When the app requests a token without authenticating
    Then the token request fails with invalid_client
    And the refusal has status 401 and a challenge naming the schemes the server accepts

  @rfc6749-5.1 @rfc6749-10.4 @req:6749-5.1-refresh-token-optional @req:6749-10.4-refresh-tokens-for-web-native
  Scenario: A native app may be issued a refresh token with its access token
    Given a private desktop app
    When the app requests a token with the user's password
    Then the token response carries a refresh token

  @rfc6749-5.1 @rfc6749-10.4 @browser @req:6749-5.1-refresh-token-optional @req:6749-10.4-refresh-tokens-for-web-native
  Scenario: A web app may be issued a refresh token with its access token
    Given a private server/web app
    And the user has signed in and approved the app
    When the app redeems the code
    Then the token response carries a refresh token

  @rfc6749-5.1 @req:6749-5.1-scope-optional-if-unchanged
  Scenario: A token response may leave out a scope granted as asked
    Given a private desktop app
    When the app requests a token with the user's password for the scope "ReadAccounts"
    Then the token response leaves out the scope, granted as asked

  # A server that narrows grants what it may of a request it could also refuse as invalid_scope.
  @rfc6749-3.3 @rfc6749-10.3 @req:6749-3.3-may-narrow-scope @req:6749-10.3-narrower-scope-allowed
  Scenario: The server may grant part of a scope instead of refusing it
    Given a private desktop app
    When the app requests a token with the user's password for the scope "ReadAccounts EditEverything"
    Then the server grants part of the scope instead of refusing

  @rfc6749-10.10 @req:6749-10.10-guess-probability-2-160
  Scenario: Issued tokens are long enough to carry 160 bits
    Given a private desktop app
    When the app requests a token with the user's password
    Then the access and refresh tokens are long enough to carry 160 bits

  @rfc6749-7.2 @req:6749-7.2-inform-client-of-error
  Scenario: A refused resource request tells the app what went wrong
    Given a private desktop app
    When the app calls the protected resource with a made-up token
    Then the refusal tells the app what went wrong

  # Registration happens outside the protocol; what shows is which redirect URIs the server refuses.
  @rfc6749-3.1.2.2 @req:6749-3.1.2.2-register-complete-uri
  Scenario: A redirect URI that differs from the registered one only by an added query is refused
    Given a private server/web app
    When the app asks for authorization with its registered redirect URI and a query added
    Then the authorization server refuses the request without redirecting to the redirect URI

  @rfc6749-3.1.2.2 @req:6749-3.1.2.2-register-scheme-authority-path
  Scenario Outline: A redirect URI on another <part> than the registered one is refused
    Given a private server/web app
    When the app asks for authorization with its registered redirect URI on another <part>
    Then the authorization server refuses the request without redirecting to the redirect URI

    Examples:
      | part   |
      | scheme |
      | host   |
      | path   |

  @rfc6749-3.1.2.2 @req:6749-3.1.2.2-all-clients-register-redirect
  Scenario Outline: A <type> app is never redirected to a URI it did not register
    Given a <type> app
    When the app asks for authorization with an unregistered redirect URI
    Then the authorization server refuses the request without redirecting to the redirect URI

    @rfc6749-10.6 @req:6749-10.6-confidential-clients-register-redirect
    Examples: Confidential apps
      | type                  |
      | private browser-based |
      | private server/web    |
      | private desktop       |
      | private mobile        |

    @rfc6749-10.1 @req:6749-10.1-verify-unauthenticated-clients
    Examples: Public apps, which cannot authenticate
      | type                 |
      | public browser-based |
      | public desktop       |

  # RFC 7636 §4.4.1 asks the server to say why; whether the words explain it is for a human to read.
  @rfc7636 @rfc7636-4.4.1 @rfc6749-4.1.2.1 @req:7636-4.4.1-explain-unsupported-method
  Scenario: The refusal of an unsupported PKCE challenge method explains itself
    Given a public browser-based app
    When the app asks for authorization with a PKCE challenge using the method "S512"
    Then the error redirect explains the error in error_description or error_uri

  @rfc7636 @rfc7636-4.4.1 @rfc6749-4.1.2.1 @req:7636-4.4.1-explain-missing-challenge
  Scenario: A server that requires PKCE explains the refusal of a request without a challenge
    Given a public browser-based app
    When the app asks for authorization
    Then a refusal of the missing challenge explains the error in error_description or error_uri
