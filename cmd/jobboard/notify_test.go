package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// indexNowFake answers status to every POST and keeps the URLs sent.
func indexNowFake(t *testing.T, status int) (string, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var sent []string
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ URLList []string }
		data, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(data, &body); err != nil {
			t.Errorf("IndexNow body %s: %v", data, err)
		}
		mu.Lock()
		sent = append(sent, body.URLList...)
		mu.Unlock()
		w.WriteHeader(status)
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(sent)
	}
}

// TestNotifyCommand builds the example site with an IndexNow key the day
// before and the day after its posting closes, and runs notify between
// the two outputs: both pages of the posting are sent as closed; a
// refusal exits 1, a dry run sends nothing, a flag mistake exits 2.
func TestNotifyCommand(t *testing.T) {
	root := exampleSite(t)
	edit := func(name, old, new string) {
		p := filepath.Join(root, name)
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: %v, or no %q", name, err, old)
		}
		os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	edit("content/site.yaml", "timezone: Europe/Paris", "timezone: Europe/Paris\nindexnow_key: 0123abcd-test")
	edit("content/postings/mediateur-interculturel-calais.fr.md", "\nposted: 2025-04-22", "\nposted: 2025-04-22\nexpires: 2025-06-30")
	before, after := filepath.Join(t.TempDir(), "before"), filepath.Join(t.TempDir(), "after")
	for _, b := range [][]string{{before, "2025-06-30"}, {after, "2025-07-01"}} {
		var errb bytes.Buffer
		if err := run(context.Background(), msg.English, []string{"build", "-C", root, "-out", b[0], "-now", b[1]}, io.Discard, &errb); err != nil {
			t.Fatalf("build: %v\n%s", err, errb.String())
		}
	}
	want := []string{
		"https://emplois.ecpat-france.org/en/mediateur-interculturel-calais/",
		"https://emplois.ecpat-france.org/fr/mediateur-interculturel-calais/",
	}
	tests := []struct {
		name   string
		status int
		extra  []string
		code   int
		sent   []string
		lang   msg.Lang
		says   []string // in the output, then on stderr
	}{
		{"received", 200, nil, 0, want, msg.English, []string{"IndexNow closed   " + want[1] + ": 200 received\n"}},
		{"refused", 403, nil, 1, want, msg.English, []string{"IndexNow closed   " + want[1] + ": 403 refused\n",
			"notify: an endpoint refused the changes or could not be reached\n"}},
		{"dry run", 200, []string{"-dry-run"}, 0, nil, msg.English, []string{"IndexNow closed   " + want[1] + ": dry run, not sent\n"}},
		{"flag mistake", 200, []string{"-google-quota", "-1"}, 2, nil, msg.English, nil},
		// The same in French, as LANG=fr_FR.UTF-8 has it.
		{"refused in French", 403, nil, 1, want, msg.French, []string{
			"le relevé publié\u00a0: " + before + "\n",
			"2 pages à envoyer (ajoutées\u00a0: 0, modifiées\u00a0: 0, clôturées\u00a0: 2, supprimées\u00a0: 0)\u00a0; inchangées, non envoyées\u00a0: 0\n",
			"IndexNow clôturée   " + want[1] + "\u00a0: 403 refusé\n",
			"IndexNow\u00a0: " + "ENDPOINT n'a pas reçu 2 des 2 pages\u00a0: 403 refusé\u00a0: la clé n'est pas valide",
			"notify: un service a refusé les changements ou n'a pas pu être joint\n"}},
		{"dry run in French", 200, []string{"-dry-run"}, 0, nil, msg.French, []string{
			"IndexNow clôturée   " + want[1] + "\u00a0: essai, non envoyée\n",
			"IndexNow\u00a0: 2 pages à envoyer à ENDPOINT (essai\u00a0: rien n'est envoyé)\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			endpoint, sent := indexNowFake(t, tt.status)
			args := append([]string{"notify", "-C", root, "-out", after, "-previous", before, "-indexnow", endpoint}, tt.extra...)
			var out, errb bytes.Buffer
			code := exitCode(run(context.Background(), tt.lang, args, &out, &errb), tt.lang, &errb)
			t.Logf("\n%s%s", out.String(), errb.String())
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			got := sent()
			slices.Sort(got)
			if !slices.Equal(got, tt.sent) {
				t.Errorf("sent %q, want %q", got, tt.sent)
			}
			for _, s := range tt.says {
				if s = strings.ReplaceAll(s, "ENDPOINT", endpoint); !strings.Contains(out.String()+errb.String(), s) {
					t.Errorf("does not say %q", s)
				}
			}
		})
	}
}

// TestNotifyUnreachable: notify, and notify -save-previous, exit with
// status 1 when the published record cannot be fetched (a first user
// thought it exited 0), say why in the language of the command, and save
// nothing: a CI job must fail there, not compare with nothing.
func TestNotifyUnreachable(t *testing.T) {
	root := exampleSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), msg.English, []string{"build", "-C", root, "-out", out, "-now", "2025-06-30"}, io.Discard, io.Discard); err != nil {
		t.Fatalf("build: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/"
	l.Close() // nothing answers there now
	saved := filepath.Join(t.TempDir(), "previous.json")
	for _, tt := range []struct {
		name  string
		lang  msg.Lang
		extra []string
		says  string
	}{
		{"notify", msg.English, nil, "jobboard: could not fetch the published record: "},
		{"notify in French", msg.French, nil, "jobboard: impossible de récupérer le relevé publié\u00a0: "},
		{"save-previous", msg.English, []string{"-save-previous", saved}, "jobboard: could not fetch the published record: "},
		{"save-previous in French", msg.French, []string{"-save-previous", saved}, "jobboard: impossible de récupérer le relevé publié\u00a0: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"notify", "-C", root, "-out", out, "-previous", dead}, tt.extra...)
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), tt.lang, args, &stdout, &stderr), tt.lang, &stderr)
			t.Logf("\n%s%s", stdout.String(), stderr.String())
			if code != 1 || !strings.HasPrefix(stderr.String(), tt.says) {
				t.Errorf("exit status %d (want 1), stderr %q (want it to start with %q)", code, stderr.String(), tt.says)
			}
			if _, err := os.Stat(saved); err == nil {
				t.Errorf("%s written", saved)
			}
		})
	}
}
