@rfc6749
Feature: Authorization request handling
  The authorization endpoint reads parameters an attacker can shape and answers through the user's browser,
  so what it accepts, refuses, echoes and redirects to decides whether the app can trust what comes back.

  @rfc6749-3.1 @rfc6749-4.1.2.1
  @req:6749-3.1-repeated-request-param-refused @req:6749-4.1.2.1-invalid-request @req:6749-4.1.2.1-error-required
  @req:6749-4.1.2.1-error-state-echoed @req:6749-4.1.2.1-error-charset @req:6749-4.1.2.1-error-description-charset
  @req:6749-4.1.2.1-error-uri-syntax @req:6749-3.1-no-repeated-response-param
  Scenario: A parameter sent twice is reported back to the app as invalid
    Given a private server/web app
    When the app asks for authorization sending the response type twice
    Then the app is told invalid_request in a well-formed error redirect
    And the state the app sent comes back unchanged

  @rfc6749-3.1 @req:6749-3.1-ignore-unknown-params @req:6749-3.1-supports-get
  Scenario: An authorization request parameter the server does not know is ignored
    Given a private server/web app
    When the app asks for authorization adding a parameter the server does not know
    Then the authorization server asks the user to sign in

  @rfc6749-3.1 @rfc6749-10.12 @browser
  @req:6749-3.1-authenticate-resource-owner
  Scenario: A user who fails to sign in authorizes nothing
    Given a private server/web app
    When the user signs in with a wrong password
    Then the user is neither asked to approve the app nor sent back with a code

  @rfc6749-3.1 @rfc6749-3.1.1 @rfc6749-4.1.2.1
  @req:6749-3.1-empty-param-as-absent @req:6749-3.1.1-response-type-required @req:6749-4.1.1-response-type-required
  @req:6749-4.1.2.1-invalid-request @req:6749-4.1.2.1-error-required @req:6749-4.1.2.1-error-state-echoed
  @req:6749-4.1.2.1-error-charset @req:6749-4.1.2.1-error-description-charset @req:6749-4.1.2.1-error-uri-syntax
  @req:6749-3.1-no-repeated-response-param
  Scenario: An empty response type counts as a missing one
    Given a private server/web app
    When the app asks for authorization with an empty response type
    Then the app is told invalid_request in a well-formed error redirect
    And the state the app sent comes back unchanged

  @rfc6749-4.1.1 @rfc6749-4.1.2.1 @req:6749-4.1.1-client-id-required @req:6749-4.1.2.1-no-redirect-bad-client-id
  Scenario: A request without a client id is refused and never redirected
    Given a private server/web app
    When the app asks for authorization without its client id
    Then the authorization server refuses the request without redirecting to the redirect URI

  @rfc6749-3.1.2.3 @rfc6749-3.1.2.4 @rfc6749-10.6
  @req:6749-3.1.2.3-simple-string-comparison @req:6749-3.1.2.3-match-registered-redirect @req:6749-10.6-validate-redirect-uri
  @req:6749-3.1.2.4-no-redirect-to-invalid-uri @req:6749-4.1.2.1-no-redirect-bad-redirect-uri
  Scenario Outline: A redirect URI that differs from the registered one only by <difference> is refused
    Given a private server/web app
    When the app asks for authorization with its registered redirect URI altered by <difference>
    Then the authorization server refuses the request without redirecting to the redirect URI

    Examples:
      | difference       |
      | letter case      |
      | a trailing slash |

  @rfc6749-3.1.2.4 @req:6749-3.1.2.4-inform-owner-of-bad-redirect
  Scenario: The user is shown an error page for a redirect URI that does not match
    Given a private server/web app
    When the app asks for authorization with its registered redirect URI altered by letter case
    Then the authorization server shows an error instead of redirecting

  @rfc6749-3.1.2.2 @rfc6749-10.2 @rfc6749-10.6
  @req:6749-3.1.2.2-public-client-registers-redirect @req:6749-10.2-public-client-registered-redirect
  @req:6749-10.6-public-clients-register-redirect @req:6749-3.1.2.3-match-registered-redirect @req:6749-10.6-validate-redirect-uri
  @req:6749-3.1.2.4-no-redirect-to-invalid-uri @req:6749-4.1.2.1-no-redirect-bad-redirect-uri
  Scenario: A public app is never redirected to a URI it did not register
    Given a public browser-based app
    When the app asks for authorization with an unregistered redirect URI
    Then the authorization server refuses the request without redirecting to the redirect URI

  @rfc6749-3.1.2 @rfc6749-4.1.2.1
  @req:6749-3.1.2-keep-redirect-uri-query @req:6749-4.1.2.1-unsupported-response-type @req:6749-3.1.1-unsupported-response-type
  @req:6749-4.1.2.1-error-required @req:6749-4.1.2.1-error-charset @req:6749-4.1.2.1-error-description-charset
  @req:6749-4.1.2.1-error-uri-syntax @req:6749-3.1-no-repeated-response-param
  Scenario: A redirect URI's own query is kept when the server adds its parameters
    Given a private server/web app
    When the app asks for authorization with response type "token" through its redirect URI that has a query
    Then the app is told unsupported_response_type in a well-formed error redirect
    And the redirect keeps the query of the registered redirect URI

  @rfc6749-B @rfc6749-4.1.2.1
  @req:6749-B-server-utf8-form-encoding @req:6749-B-utf8-form-decoding @req:6749-4.1.2.1-error-state-echoed @req:6749-4.1.2.1-unsupported-response-type
  @req:6749-3.1.1-unsupported-response-type @req:6749-4.1.2.1-error-required @req:6749-4.1.2.1-error-charset
  @req:6749-4.1.2.1-error-description-charset @req:6749-4.1.2.1-error-uri-syntax @req:6749-3.1-no-repeated-response-param
  Scenario: A non-ASCII state comes back with an error as the same UTF-8 bytes
    Given a private server/web app
    When the app asks for authorization with response type "token" and the state "café ✓"
    Then the app is told unsupported_response_type in a well-formed error redirect
    And the state comes back as the same UTF-8 bytes

  @rfc6749-4.1.2 @browser @req:6749-4.1.2-state-echoed @req:6749-4.1.2-code-in-response
  Scenario: A non-ASCII state comes back with the code unchanged
    Given a private server/web app
    When the user signs in and approves the app sending the state "café ✓"
    Then the app receives an authorization code
    And the state comes back as the same UTF-8 bytes

  @rfc6749-10.14 @req:6749-10.14-server-sanitizes-input
  Scenario: Markup in the request never reaches the answer unescaped
    Given a private server/web app
    When the app asks for authorization with markup in an unregistered redirect URI and in the state
    Then the answer carries the markup only escaped

  @rfc6749-10.13 @req:6749-10.13-frame-protection-allowed
  Scenario: The sign-in page cannot be framed by other sites
    Given a private server/web app
    When the app asks for authorization
    Then the sign-in page forbids other sites to frame it
