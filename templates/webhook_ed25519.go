package templates

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"
)

// TelnyxWebhookVerifier verifies requests signed as Telnyx signs its
// webhooks: an Ed25519 signature, by Telnyx's key, of
// "<telnyx-timestamp>|<body>", sent base64-encoded in
// telnyx-signature-ed25519; telnyx-timestamp is Unix seconds.
type TelnyxWebhookVerifier struct {
	// Tolerance is how far telnyx-timestamp may be from the clock, either
	// way; older (replayed) and future requests are refused. The default
	// is that of the package (five minutes unless oagen.yaml says).
	Tolerance time.Duration

	key ed25519.PublicKey
	now func() time.Time
}

// NewTelnyxWebhookVerifier returns a verifier for the public key the Telnyx
// portal shows, in base64.
func NewTelnyxWebhookVerifier(publicKey string) (*TelnyxWebhookVerifier, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(publicKey))
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("webhook public key: want the base64 of a 32-byte Ed25519 public key")
	}
	return &TelnyxWebhookVerifier{Tolerance: webhookTolerance, key: key}, nil
}

// VerifyWebhook checks the signature of body and the age of its timestamp.
func (v *TelnyxWebhookVerifier) VerifyWebhook(header http.Header, body []byte) error {
	ts, sig := header.Get("telnyx-timestamp"), header.Get("telnyx-signature-ed25519")
	switch {
	case ts == "":
		return webhookUnverified("no telnyx-timestamp header")
	case sig == "":
		return webhookUnverified("no telnyx-signature-ed25519 header")
	}
	if len(v.key) != ed25519.PublicKeySize {
		return webhookUnverified("the verifier has no public key: make it with NewTelnyxWebhookVerifier")
	}
	if err := checkWebhookTimestamp(ts, v.Tolerance, v.now); err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || len(raw) != ed25519.SignatureSize {
		return webhookUnverified("telnyx-signature-ed25519 is not a base64 Ed25519 signature")
	}
	signed := make([]byte, 0, len(ts)+1+len(body))
	signed = append(append(append(signed, ts...), '|'), body...)
	if !ed25519.Verify(v.key, signed, raw) {
		return webhookUnverified("telnyx-signature-ed25519 does not match")
	}
	return nil
}
