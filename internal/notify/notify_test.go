package notify

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/msg"
)

const (
	base = "https://jobs.example.org/"
	key  = "0123abcd-test"
)

// The pages of the test: one of each kind, and one unchanged.
var (
	same    = base + "fr/same/"
	edited  = base + "fr/edited/"
	filled  = base + "fr/filled/"
	gone    = base + "fr/gone/"
	fresh   = base + "en/fresh/"
	before  = rec(open(same, "h1"), open(edited, "h1"), open(filled, "h1"), open(gone, "h1"), closed(base+"fr/old/"))
	after   = rec(open(same, "h1"), open(edited, "h2"), closed(filled), open(fresh, "h1"), closed(base+"fr/old/"))
	inOrder = []Change{{gone, Removed}, {filled, Closed}, {edited, Changed}, {fresh, Added}}
)

// writeRecord writes r into a new folder, as a build does, and returns it.
func writeRecord(t *testing.T, r feeds.Record) string {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	if err := feeds.WriteRecord(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, feeds.RecordFile), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serve starts h on 127.0.0.1 only.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// recorder is a fake endpoint: it keeps the body of every request and
// answers status.
type recorder struct {
	mu     sync.Mutex
	bodies [][]byte
	heads  []http.Header
	status int
	check  func(r *http.Request) int // if not nil, its non-zero status overrides
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.bodies = append(rc.bodies, body)
	rc.heads = append(rc.heads, r.Header.Clone())
	rc.mu.Unlock()
	status := rc.status
	if rc.check != nil {
		if s := rc.check(r); s != 0 {
			status = s
		}
	}
	w.WriteHeader(status)
	if status >= 400 {
		io.WriteString(w, `{"error":{"code":`+strconv.Itoa(status)+`,"message":"fake refusal"}}`)
	}
}

func (rc *recorder) requests() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.bodies)
}

func options(prev, next string) Options {
	return Options{Out: next, Previous: prev, BaseURL: base, GoogleQuota: DefaultGoogleQuota,
		Client: &http.Client{Timeout: 10 * time.Second}}
}

// TestIndexNow: one POST of every page added, changed, closed or removed
// (never an unchanged one), in the protocol's JSON; 200 and 202 are taken,
// 400, 403, 422 and 429 are refusals, said in words.
func TestIndexNow(t *testing.T) {
	tests := []struct {
		status  int
		refused bool
		says    string
	}{
		{200, false, "200 received"},
		{202, false, "key file is still to be checked"},
		{400, true, "not in the format of the protocol"},
		{403, true, "403 refused: the key is not valid"},
		{422, true, "not on the site's host"},
		{429, true, "too many requests"},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			ix := &recorder{status: tt.status}
			srv := serve(t, ix)
			opt := options(writeRecord(t, before), writeRecord(t, after))
			opt.IndexNowKey, opt.IndexNowEndpoint = key, srv.URL+"/indexnow"
			var out bytes.Buffer
			err := Run(context.Background(), opt, &out)
			if got := errors.Is(err, ErrRefused); got != tt.refused || (err != nil && !got) {
				t.Errorf("Run: %v; want refused %v", err, tt.refused)
			}
			if !strings.Contains(out.String(), tt.says) || strings.Contains(out.String(), same) {
				t.Errorf("output does not say %q, or lists the unchanged page:\n%s", tt.says, out.String())
			}
			t.Log("\n" + out.String())
			if ix.requests() != 1 {
				t.Fatalf("%d requests, want 1", ix.requests())
			}
			if ct := ix.heads[0].Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			var body struct {
				Host, Key, KeyLocation string
				URLList                []string
			}
			if err := json.Unmarshal(ix.bodies[0], &body); err != nil {
				t.Fatalf("body %s: %v", ix.bodies[0], err)
			}
			var want []string
			for _, c := range inOrder {
				want = append(want, c.URL)
			}
			if body.Host != "jobs.example.org" || body.Key != key || body.KeyLocation != base+key+".txt" || !slices.Equal(body.URLList, want) {
				t.Errorf("sent %+v, want host jobs.example.org, key %s, its location and %q", body, key, want)
			}
		})
	}
}

// fakeGoogle is a token endpoint and a publish endpoint: the token is
// issued for a JWT signed with the service account's key, and publish
// takes only that token.
type fakeGoogle struct {
	pub      *rsa.PublicKey
	publish  recorder
	tokens   int
	badGrant bool // the token endpoint refuses the service account
}

const fakeToken = "ya29.fake-token"

func (g *fakeGoogle) token(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		g.tokens++
		if g.badGrant {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			io.WriteString(w, `{"error":"invalid_grant","error_description":"Invalid JWT Signature."}`)
			return
		}
		if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
			t.Errorf("token request: %v, grant_type %q", err, r.Form.Get("grant_type"))
			w.WriteHeader(400)
			return
		}
		parts := strings.Split(r.Form.Get("assertion"), ".")
		if len(parts) != 3 {
			t.Errorf("assertion %q is not a JWT", r.Form.Get("assertion"))
			w.WriteHeader(400)
			return
		}
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
		claims, _ := base64.RawURLEncoding.DecodeString(parts[1])
		if err := rsa.VerifyPKCS1v15(g.pub, crypto.SHA256, sum[:], sig); err != nil || !strings.Contains(string(claims), googleScope) {
			t.Errorf("assertion: signature %v, claims %s", err, claims)
			w.WriteHeader(400)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"`+fakeToken+`","token_type":"Bearer","expires_in":3600}`)
	}
}

// testKey is the throwaway key of the service account, made once: an RSA
// key takes a while to make on a busy machine.
var testKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

// googleSetup starts the fake Google answering publish with status, and
// returns options that send to it.
func googleSetup(t *testing.T, status int) (*fakeGoogle, Options) {
	t.Helper()
	pk, err := testKey()
	if err != nil {
		t.Fatal(err)
	}
	g := &fakeGoogle{pub: &pk.PublicKey, publish: recorder{status: status}}
	g.publish.check = func(r *http.Request) int {
		if r.Header.Get("Authorization") != "Bearer "+fakeToken {
			return 401
		}
		return 0
	}
	mux := http.NewServeMux()
	mux.Handle("/token", g.token(t))
	mux.Handle("/publish", &g.publish)
	srv := serve(t, mux)
	der, err := x509.MarshalPKCS8PrivateKey(pk)
	if err != nil {
		t.Fatal(err)
	}
	creds, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "test", "private_key_id": "k1",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": "notify@test.iam.gserviceaccount.com", "client_id": "1",
		"token_uri": srv.URL + "/token",
	})
	opt := options(writeRecord(t, before), writeRecord(t, after))
	client, err := NewGoogleClient(context.Background(), creds, opt.Client)
	if err != nil {
		t.Fatal(err)
	}
	opt.Google = &Google{Endpoint: srv.URL + "/publish", Client: client}
	return g, opt
}

// published is what the fake Google was sent, in order.
func (g *fakeGoogle) published(t *testing.T) []Change {
	t.Helper()
	var got []Change
	for _, b := range g.publish.bodies {
		var n struct{ URL, Type string }
		if err := json.Unmarshal(b, &n); err != nil {
			t.Fatalf("publish body %s: %v", b, err)
		}
		got = append(got, Change{URL: n.URL, Kind: Kind(n.Type)})
	}
	return got
}

func notifications(cs []Change) []Change {
	var out []Change
	for _, c := range cs {
		out = append(out, Change{URL: c.URL, Kind: Kind(Type(c.Kind))})
	}
	return out
}

// TestGoogle: the service account signs in with a JWT, then each page is
// published with its type, filled jobs first, within the quota; a refusal
// stops the sending and is an error.
func TestGoogle(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		quota   int
		want    []Change // notifications sent
		refused bool
		says    string
		badSign bool
	}{
		{"sign-in refused", 200, DefaultGoogleQuota, nil, true, "Google refused to sign in the service account", true},
		{"all", 200, DefaultGoogleQuota, notifications(inOrder), false, "4 received, 0 refused", false},
		{"quota", 200, 2, notifications(inOrder[:2]), false, "2 not sent, over the quota of 2 a day", false},
		{"not an owner", 403, DefaultGoogleQuota, notifications(inOrder[:1]), true, "not an owner of the site in Google Search Console, or the Indexing API is not enabled in its Google Cloud project (Google: fake refusal)", false},
		{"quota used up", 429, DefaultGoogleQuota, notifications(inOrder[:1]), true, "daily quota is used up", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, opt := googleSetup(t, tt.status)
			opt.GoogleQuota, g.badGrant = tt.quota, tt.badSign
			var out bytes.Buffer
			err := Run(context.Background(), opt, &out)
			if got := errors.Is(err, ErrRefused); got != tt.refused || (err != nil && !got) {
				t.Errorf("Run: %v; want refused %v", err, tt.refused)
			}
			if got := g.published(t); !slices.Equal(got, tt.want) {
				t.Errorf("published %v, want %v", got, tt.want)
			}
			t.Log("\n" + out.String())
			if g.tokens != 1 || !strings.Contains(out.String(), tt.says) || strings.Contains(out.String(), same) {
				t.Errorf("%d tokens issued (want 1); output does not say %q or lists the unchanged page:\n%s", g.tokens, tt.says, out.String())
			}
		})
	}
}

// TestDryRun: both endpoints are given; nothing is sent, not even a
// token request, and every page is printed.
func TestDryRun(t *testing.T) {
	g, opt := googleSetup(t, 200)
	ix := &recorder{status: 200}
	opt.IndexNowKey, opt.IndexNowEndpoint = key, serve(t, ix).URL
	opt.DryRun = true
	var out bytes.Buffer
	if err := Run(context.Background(), opt, &out); err != nil {
		t.Fatal(err)
	}
	if ix.requests() != 0 || g.publish.requests() != 0 || g.tokens != 0 {
		t.Errorf("dry run sent %d IndexNow, %d Google requests, %d tokens", ix.requests(), g.publish.requests(), g.tokens)
	}
	for _, c := range inOrder {
		if strings.Count(out.String(), c.URL) != 2 {
			t.Errorf("%s not printed once per endpoint:\n%s", c.URL, out.String())
		}
	}
}

// TestPreviousOverHTTP: the published record is fetched from the site's
// address; a site without one (404) is a first publication, where every
// open page is added; only http and https are fetched.
func TestPreviousOverHTTP(t *testing.T) {
	site := http.NewServeMux()
	site.HandleFunc("/old/"+feeds.RecordFile, func(w http.ResponseWriter, r *http.Request) {
		feeds.WriteRecord(w, before)
	})
	srv := serve(t, site)
	tests := []struct {
		previous string
		want     []Change
	}{
		{srv.URL + "/old/", inOrder},
		{srv.URL + "/old", inOrder},
		{srv.URL + "/old/" + feeds.RecordFile, inOrder},
		{srv.URL + "/new/", []Change{{fresh, Added}, {edited, Added}, {same, Added}}},
	}
	for _, tt := range tests {
		t.Run(tt.previous, func(t *testing.T) {
			ix := &recorder{status: 200}
			opt := options(tt.previous, writeRecord(t, after))
			opt.IndexNowKey, opt.IndexNowEndpoint = key, serve(t, ix).URL
			var out bytes.Buffer
			if err := Run(context.Background(), opt, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			var body struct{ URLList []string }
			json.Unmarshal(ix.bodies[0], &body)
			var want []string
			for _, c := range tt.want {
				want = append(want, c.URL)
			}
			if !slices.Equal(body.URLList, want) {
				t.Errorf("sent %q, want %q", body.URLList, want)
			}
		})
	}
	if _, err := RecordURL("ftp://jobs.example.org/"); err == nil {
		t.Error("an ftp address was taken")
	}
}

// TestSavePrevious: the record saved before a deployment is the one the
// site published, and a Run after it compares with it.
func TestSavePrevious(t *testing.T) {
	site := http.NewServeMux()
	site.HandleFunc("/"+feeds.RecordFile, func(w http.ResponseWriter, r *http.Request) {
		feeds.WriteRecord(w, before)
	})
	srv := serve(t, site)
	opt := options("", writeRecord(t, after))
	opt.BaseURL = srv.URL + "/"
	// Into a folder that does not exist yet, as the workflows ask.
	file := filepath.Join(t.TempDir(), "notify", "previous.json")
	if err := SavePrevious(context.Background(), opt, file, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFolder(file)
	if err != nil || !slices.Equal(got.Postings, before.Postings) {
		t.Errorf("saved %v, %v; want %v", got, err, before)
	}
}

// TestAfterDeploy: notify run after the deployment with no -previous
// finds the new record published, and says how to compare with the old
// one.
func TestAfterDeploy(t *testing.T) {
	site := http.NewServeMux()
	site.HandleFunc("/"+feeds.RecordFile, func(w http.ResponseWriter, r *http.Request) {
		feeds.WriteRecord(w, after)
	})
	srv := serve(t, site)
	ix := &recorder{status: 200}
	opt := options("", writeRecord(t, after))
	opt.BaseURL = srv.URL + "/"
	opt.IndexNowKey, opt.IndexNowEndpoint = key, serve(t, ix).URL
	var out bytes.Buffer
	if err := Run(context.Background(), opt, &out); err != nil {
		t.Fatal(err)
	}
	if ix.requests() != 0 || !strings.Contains(out.String(), "-save-previous") {
		t.Errorf("%d requests (want none), and the output does not say to save the record first:\n%s", ix.requests(), out.String())
	}
}

// TestAlreadyPublished: notify run after the deploy, without -previous,
// says why nothing is seen as changed, also when the published record
// lists the same postings in another order (an earlier jobboard sorted
// them by URL); not when something changed.
func TestAlreadyPublished(t *testing.T) {
	reversed := feeds.Record{Postings: slices.Clone(before.Postings)}
	slices.Reverse(reversed.Postings)
	edited := feeds.Record{Postings: slices.Clone(before.Postings)}
	edited.Postings[0].Hash = "h2"
	for _, tt := range []struct {
		name      string
		published feeds.Record
		says      bool
	}{
		{"same order", before, true},
		{"another order", reversed, true},
		{"one changed", edited, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := http.NewServeMux()
			site.HandleFunc("/"+feeds.RecordFile, func(w http.ResponseWriter, r *http.Request) {
				feeds.WriteRecord(w, tt.published)
			})
			srv := serve(t, site)
			opt := options("", writeRecord(t, before))
			opt.BaseURL = srv.URL + "/"
			var out strings.Builder
			if err := Run(context.Background(), opt, &out); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(out.String(), "already publishes this build's record"); got != tt.says {
				t.Errorf("says the site already publishes the record: %v, want %v\n%s", got, tt.says, out.String())
			}
		})
	}
}

// TestFrench: in French, every line notify prints and its error are in
// French, the kinds' column still lines the URLs up, and no English word
// of notify's is left.
func TestFrench(t *testing.T) {
	g, opt := googleSetup(t, 403)
	ix := &recorder{status: 200}
	opt.IndexNowKey, opt.IndexNowEndpoint = key, serve(t, ix).URL
	opt.Lang = msg.French
	var out bytes.Buffer
	err := Run(context.Background(), opt, &out)
	t.Log("\n" + out.String())
	if !errors.Is(err, ErrRefused) || msg.French.Sprintf("%v", err) != "un service a refusé les changements ou n'a pas pu être joint" {
		t.Errorf("Run: %v, in French %q; want ErrRefused, in French", err, msg.French.Sprintf("%v", err))
	}
	if g.publish.requests() != 1 {
		t.Errorf("%d pages published to Google, want 1 (then stop at its refusal)", g.publish.requests())
	}
	for _, want := range []string{
		"le relevé publié\u00a0: ",
		"4 pages à envoyer (ajoutées\u00a0: 1, modifiées\u00a0: 1, clôturées\u00a0: 1, supprimées\u00a0: 1)\u00a0; inchangées, non envoyées\u00a0: 2\n",
		"IndexNow supprimée  " + gone + "\u00a0: 200 reçu\n",
		"IndexNow ajoutée    " + fresh + "\u00a0: 200 reçu\n",
		"IndexNow\u00a0: envoi de 4 pages à " + opt.IndexNowEndpoint + ", bien reçu\n",
		"Google   supprimée  " + gone + " URL_DELETED\u00a0: 403 refusé\u00a0: le compte de service n'est pas propriétaire (Owner) du site dans Google Search Console",
		"(Google\u00a0: fake refusal)\n",
		"Google   clôturée   " + filled + "\u00a0: non envoyée\n",
		"Google\u00a0: envoi de 1 page à " + opt.Google.Endpoint + "\u00a0; reçues\u00a0: 0, refusées\u00a0: 1\u00a0; non envoyées après ce refus\u00a0: 3\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output does not say %q", want)
		}
	}
	english := regexp.MustCompile(`\b(the|sent|send|received|refused|record|dry run|added|changed|closed|removed|unchanged)\b`)
	for line := range strings.Lines(out.String()) {
		if m := english.FindString(line); m != "" {
			t.Errorf("%q is left in English in %q", m, line)
		}
	}

	// A dry run, and the error of a record that cannot be fetched.
	opt.DryRun = true
	out.Reset()
	if err := Run(context.Background(), opt, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"IndexNow modifiée   " + edited + "\u00a0: essai, non envoyée\n",
		"IndexNow\u00a0: 4 pages à envoyer à " + opt.IndexNowEndpoint + " (essai\u00a0: rien n'est envoyé)\n",
		"Google   ajoutée    " + fresh + " URL_UPDATED\u00a0: essai, non envoyée\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the dry run does not say %q:\n%s", want, out.String())
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opt.Previous = "http://" + l.Addr().String() + "/"
	l.Close() // nothing answers there now
	err = Run(context.Background(), opt, io.Discard)
	if got := msg.French.Sprintf("%v", err); !strings.HasPrefix(got, "impossible de récupérer le relevé publié\u00a0: ") {
		t.Errorf("a record that cannot be fetched: %q", got)
	}
}
