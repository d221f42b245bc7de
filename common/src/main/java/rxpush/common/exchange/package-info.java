/**
 * Clients shared by the services that talk to Exchange: an EWS service factory (ews-java-api,
 * credentials, impersonation, X-AnchorMailbox), EWS error classification (ErrorServerBusy back-off,
 * invalid watermark, item gone), and Microsoft Graph access (client-credentials token cache, HTTP with
 * bearer token, 429 Retry-After). Protocol operations themselves live in the services.
 */
package rxpush.common.exchange;
