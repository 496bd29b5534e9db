package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"

	"github.com/jobboard/jobboard/internal/msg"
)

// DefaultGoogle is the publish endpoint of Google's Indexing API.
const DefaultGoogle = "https://indexing.googleapis.com/v3/urlNotifications:publish"

// DefaultGoogleQuota is the publish quota of a Google Cloud project, in
// URLs a day, unless Google granted it more.
const DefaultGoogleQuota = 200

// googleScope is the OAuth2 scope of the Indexing API.
const googleScope = "https://www.googleapis.com/auth/indexing"

// Google notification types.
const (
	URLUpdated = "URL_UPDATED" // added, changed or closed: the page is there, to read again
	URLDeleted = "URL_DELETED" // removed: the page is gone
)

// Google sends URL notifications to Google's Indexing API.
type Google struct {
	Endpoint string
	Client   *http.Client // authorizes its requests (NewGoogleClient)
}

// NewGoogleClient returns a client that signs in as the service account of
// credentials (its JSON key, as Google Cloud's console downloads it) with
// the OAuth2 JWT grant, at the key's token_uri, making its requests and
// those of the token with base.
func NewGoogleClient(ctx context.Context, credentials []byte, base *http.Client) (*http.Client, error) {
	conf, err := google.JWTConfigFromJSON(credentials, googleScope)
	if err != nil {
		return nil, msg.Errorf("not the JSON key of a Google service account (%v): download one from the Google Cloud console, under IAM, Service accounts, Keys", err)
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, base)
	c := conf.Client(ctx)
	c.Timeout = base.Timeout
	return c, nil
}

// Type is the notification type of a change.
func Type(k Kind) string {
	if k == Removed {
		return URLDeleted
	}
	return URLUpdated
}

// Publish sends one notification for u.
func (g Google) Publish(ctx context.Context, u, typ string) Answer {
	body, err := json.Marshal(struct {
		URL  string `json:"url"`
		Type string `json:"type"`
	}{u, typ})
	if err != nil {
		return Answer{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.Endpoint, bytes.NewReader(body))
	if err != nil {
		return Answer{Err: err}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := g.Client.Do(req)
	if err != nil {
		if re := (*oauth2.RetrieveError)(nil); errors.As(err, &re) {
			err = msg.Errorf("Google refused to sign in the service account: %s", oneLine(re.Error()))
		}
		return Answer{Err: err}
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode == http.StatusOK {
		return Answer{Status: resp.StatusCode, Meaning: msg.New("received"), OK: true}
	}
	return Answer{Status: resp.StatusCode, Meaning: googleMeaning(resp.StatusCode, data)}
}

// googleMeaning says what a refusal means, with Google's own message
// (in the language of the Google account, as Google words it).
func googleMeaning(status int, data []byte) msg.Text {
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	var says msg.Text
	if json.Unmarshal(data, &e) == nil && e.Error.Message != "" {
		says = msg.New(" (Google: %s)", oneLine(e.Error.Message))
	}
	switch status {
	case http.StatusTooManyRequests:
		return msg.New("refused: Google's daily quota is used up; Google finds the rest through the sitemap%s", says)
	case http.StatusForbidden:
		return msg.New("refused: the service account is not an owner of the site in Google Search Console, or the Indexing API is not enabled in its Google Cloud project%s", says)
	case http.StatusUnauthorized:
		return msg.New("refused: Google did not accept the service account's sign-in%s", says)
	}
	return msg.New("refused: %s%s", http.StatusText(status), says)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
