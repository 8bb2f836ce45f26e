package sts

import (
	"encoding/json"
	"fmt"
	"time"
)

// Secret is a secret access key or a session token. It prints as
// "[redacted]" with every fmt verb and marshals as "[redacted]" to JSON and
// text, so that logging a value that holds one cannot leak it; Reveal gives
// the secret to the code that must send it.
type Secret string

const redacted = "[redacted]"

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return string(s) }

// String returns "[redacted]".
func (s Secret) String() string { return redacted }

// GoString returns "[redacted]", so that %#v does not leak the secret.
func (s Secret) GoString() string { return redacted }

// Format prints "[redacted]" whatever the verb (%s, %v, %q, %x …).
func (s Secret) Format(f fmt.State, verb rune) { fmt.Fprint(f, redacted) }

// MarshalText returns "[redacted]".
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Credentials are temporary security credentials (AWS STS API Reference,
// "Credentials"). They print and marshal without their secrets; Document
// gives the credentials document that carries them.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey Secret
	SessionToken    Secret // empty for long-term keys
	Expiration      time.Time
}

// String names the access key id and the expiry only.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{AccessKeyId: %s, SecretAccessKey: %s, SessionToken: %s, Expiration: %s}",
		c.AccessKeyID, redacted, redacted, c.Expiration.UTC().Format(time.RFC3339))
}

// GoString is String, so that %#v does not leak the secrets.
func (c Credentials) GoString() string { return c.String() }

// Expired reports whether the credentials have expired at t. Long-term
// keys (zero Expiration) never expire.
func (c Credentials) Expired(t time.Time) bool {
	return !c.Expiration.IsZero() && !t.Before(c.Expiration)
}

// Document is the credentials document of aws sts assume-role --output
// json: the one JSON form that carries the secrets.
type Document struct {
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string `json:"SecretAccessKey"`
	SessionToken    string `json:"SessionToken"`
	Expiration      string `json:"Expiration"`
}

// Document returns the credentials document, secrets included.
func (c Credentials) Document() Document {
	return Document{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey.Reveal(),
		SessionToken: c.SessionToken.Reveal(), Expiration: formatTime(c.Expiration)}
}

// String never shows the secrets.
func (d Document) String() string {
	return Credentials{AccessKeyID: d.AccessKeyID}.String()
}

// GoString never shows the secrets either.
func (d Document) GoString() string { return d.String() }

// MarshalJSON writes the credentials without secrets: marshal Document()
// to write the credentials document.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey Secret `json:"SecretAccessKey"`
		SessionToken    Secret `json:"SessionToken"`
		Expiration      string `json:"Expiration"`
	}{c.AccessKeyID, c.SecretAccessKey, c.SessionToken, formatTime(c.Expiration)})
}

// formatTime is how STS writes times: ISO 8601 in UTC, to the second.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
