package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"

	"github.com/jobboard/jobboard/internal/msg"
)

// DefaultIndexNow is the shared IndexNow endpoint, which passes the URLs
// on to every search engine of the protocol (Bing, Yandex, Naver, Seznam…).
const DefaultIndexNow = "https://api.indexnow.org/indexnow"

// indexNowBatch is the most URLs the protocol takes in one POST.
const indexNowBatch = 10000

// IndexNow sends changed URLs to an IndexNow endpoint.
type IndexNow struct {
	Endpoint string
	Key      string // the site's indexnow_key
	// KeyLocation is the address of the key file the build publishes
	// (<base_url><key>.txt). It is always sent: a site published below a
	// folder has it there, not at the host's root.
	KeyLocation string
	Client      *http.Client
}

// An Answer is what an endpoint said about what it was sent.
type Answer struct {
	Status  int      // HTTP status; 0: the request failed (Err)
	Meaning msg.Text // in plain words
	OK      bool
	Err     error // the request could not be made or had no answer
}

// In is the answer as printed in language l: "200 received".
func (a Answer) In(l msg.Lang) string {
	if a.Err != nil {
		return l.Sprintf("failed: %v", a.Err)
	}
	return l.Sprintf("%d %s", a.Status, a.Meaning)
}

func (a Answer) String() string { return a.In(msg.English) }

// indexNowMeaning is what each status means, as indexnow.org documents it.
func indexNowMeaning(status int) (msg.Text, bool) {
	switch status {
	case http.StatusOK:
		return msg.New("received"), true
	case http.StatusAccepted:
		return msg.New("received; the key file is still to be checked"), true
	case http.StatusBadRequest:
		return msg.New("refused: the request is not in the format of the protocol"), false
	case http.StatusForbidden:
		return msg.New("refused: the key is not valid (the key file is not published at the site's address, or does not hold the key): deploy the site built with indexnow_key, then run notify again"), false
	case http.StatusUnprocessableEntity:
		return msg.New("refused: URLs that are not on the site's host, or a key that does not match the protocol"), false
	case http.StatusTooManyRequests:
		return msg.New("refused: too many requests (seen as spam): wait before sending again"), false
	}
	return msg.New("refused: %s", http.StatusText(status)), false
}

// Send posts urls, all on one host, in as few requests as the protocol
// allows; it returns the answer to each request, in order, and stops at
// the first refusal.
func (ix IndexNow) Send(ctx context.Context, urls []string) []Answer {
	var answers []Answer
	for len(urls) > 0 {
		n := min(len(urls), indexNowBatch)
		a := ix.post(ctx, urls[:n])
		answers = append(answers, a)
		if !a.OK {
			break
		}
		urls = urls[n:]
	}
	return answers
}

func (ix IndexNow) post(ctx context.Context, urls []string) Answer {
	u, err := url.Parse(urls[0])
	if err != nil {
		return Answer{Err: err}
	}
	body, err := json.Marshal(struct {
		Host        string   `json:"host"`
		Key         string   `json:"key"`
		KeyLocation string   `json:"keyLocation,omitempty"`
		URLList     []string `json:"urlList"`
	}{u.Host, ix.Key, ix.KeyLocation, urls})
	if err != nil {
		return Answer{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ix.Endpoint, bytes.NewReader(body))
	if err != nil {
		return Answer{Err: err}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := ix.Client.Do(req)
	if err != nil {
		return Answer{Err: err}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // so the connection can be used again
	meaning, ok := indexNowMeaning(resp.StatusCode)
	return Answer{Status: resp.StatusCode, Meaning: meaning, OK: ok}
}
