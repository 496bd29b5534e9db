package serve

import (
	"bufio"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
)

// TestServeRefusesHosts: a request naming another host than the one serve
// listens on, as a page of another site makes after rebinding its name to
// 127.0.0.1, gets 421 on every route (pages, other files, the event stream)
// and none of the preview. The names of this computer's loopback with the
// port are served.
func TestServeRefusesHosts(t *testing.T) {
	h := start(t, newSite(t))
	if b := h.firstBuild(t); !b.OK {
		t.Fatalf("first build failed: %v", b.Err)
	}
	_, port, _ := net.SplitHostPort(h.srv.Addr())
	p, _ := strconv.Atoi(port)
	other := strconv.Itoa(p + 1)
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LocalHost:" + port, true},
		{"[::1]:" + port, true},
		{"evil.example:" + port, false},
		{"127.0.0.1.nip.io:" + port, false},
		{"localhost.evil.example:" + port, false},
		{"evil.example", false},
		{"127.0.0.1", false}, // port 80
		{"localhost:" + other, false},
		{"127.0.0.1:" + other, false},
		{"[::1]:" + other, false},
		{"", false}, // no Host header (HTTP/1.0)
	} {
		for _, path := range []string{"/fr/alpha/", "/robots.txt", "/nope/", EventsPath} {
			status, body := rawGet(t, h.srv.Addr(), tt.host, path)
			switch {
			case tt.ok && status != http.StatusOK && !(path == "/nope/" && status == http.StatusNotFound):
				t.Errorf("Host %q: GET %s = %d, want it served", tt.host, path, status)
			case !tt.ok && status != http.StatusMisdirectedRequest:
				t.Errorf("Host %q: GET %s = %d, want 421", tt.host, path, status)
			case !tt.ok && (strings.Contains(body, "alpha") || strings.Contains(body, "jobboard live reload")):
				t.Errorf("Host %q: GET %s answered 421 with the preview:\n%s", tt.host, path, body)
			}
		}
	}
}

// rawGet sends GET path with that Host header (none when host is ""), as
// HTTP/1.0 so that the server reads a request without Host, and returns the
// status and what the body holds after at most a second (an event stream
// does not end).
func rawGet(t *testing.T, addr, host, path string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(wait))
	req := "GET " + path + " HTTP/1.0\r\n"
	if host != "" {
		req += "Host: " + host + "\r\n"
	}
	if _, err := conn.Write([]byte(req + "\r\n")); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("Host %q: GET %s: %v", host, path, err)
	}
	defer resp.Body.Close()
	if path == EventsPath && resp.StatusCode == http.StatusOK {
		// The greeting comes at once; the stream goes on.
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		return resp.StatusCode, line
	}
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

// TestHosts: which Host each listening address answers.
func TestHosts(t *testing.T) {
	name, _ := os.Hostname()
	if name == "" {
		name = "localhost"
	}
	tcp := func(ip string, port int) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	for _, tt := range []struct {
		addr   string   // -addr
		ln     net.Addr // what the listener says
		ok, no []string
	}{
		{"127.0.0.1:1313", tcp("127.0.0.1", 1313),
			[]string{"127.0.0.1:1313", "localhost:1313", "LOCALHOST:1313", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313"},
			[]string{"", "evil.example:1313", "127.0.0.1.nip.io:1313", "localhost", "127.0.0.1", "127.0.0.1:80", "localhost:1314",
				"127.0.0.2:1313", "192.168.1.10:1313", "[::ffff:127.0.0.1]:1314", "localhost.:1313", ":1313", "127.0.0.1:1313:1313", "::1:1313"}},
		// Port 0: the port picked.
		{"127.0.0.1:0", tcp("127.0.0.1", 40123), []string{"127.0.0.1:40123", "localhost:40123"}, []string{"127.0.0.1:0", "localhost:0", "localhost"}},
		// A name given is answered too, whatever it resolved to.
		{"LocalHost:1313", tcp("127.0.0.1", 1313), []string{"localhost:1313", "127.0.0.1:1313"}, []string{"evil.example:1313"}},
		{"preview.lan:1313", tcp("192.168.1.10", 1313), []string{"Preview.LAN:1313", "192.168.1.10:1313", "localhost:1313"},
			[]string{"evil.example:1313", "192.168.1.11:1313", "preview.lan"}},
		{"[::1]:1313", tcp("::1", 1313), []string{"[::1]:1313", "localhost:1313", "127.0.0.1:1313"}, []string{"[::2]:1313", "evil.example:1313"}},
		// Port 80: a Host without a port is for port 80.
		{"127.0.0.1:80", tcp("127.0.0.1", 80), []string{"localhost", "127.0.0.1", "[::1]", "localhost:80", "localhost:"}, []string{"evil.example", "evil.example:80"}},
		// Every interface: any address of this computer, which may change
		// while serve runs (Wi-Fi, VPN), and its name.
		{"0.0.0.0:1313", tcp("0.0.0.0", 1313),
			[]string{"localhost:1313", "192.168.1.10:1313", "10.0.0.7:1313", "[fe80::1]:1313", "0.0.0.0:1313", strings.ToUpper(name) + ":1313"},
			[]string{"", "evil.example:1313", "127.0.0.1.nip.io:1313", "192.168.1.10:1314", "192.168.1.10", "10.0.0.7.nip.io:1313"}},
		{":80", tcp("::", 80), []string{"localhost", "192.168.1.10", "[2001:db8::1]", "[::]:80"}, []string{"evil.example", "192.168.1.10:1313"}},
	} {
		hs := newHosts(tt.addr, tt.ln)
		for _, host := range tt.ok {
			if !hs.allow(host) {
				t.Errorf("-addr %s listening on %s: Host %q refused", tt.addr, tt.ln, host)
			}
		}
		for _, host := range tt.no {
			if hs.allow(host) {
				t.Errorf("-addr %s listening on %s: Host %q served", tt.addr, tt.ln, host)
			}
		}
	}
}

// TestURLOnEveryAddress: listening on every address, serve gives the
// address this computer opens (http://[::]:1313/ opens nothing).
func TestURLOnEveryAddress(t *testing.T) {
	srv, err := New(Config{Build: build.Config{Root: t.TempDir()}, Addr: "0.0.0.0:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.watch.close()
	defer srv.ln.Close()
	u, err := url.Parse(srv.URL())
	if err != nil || u.Hostname() != "localhost" || u.Port() == "" || u.Port() == "0" {
		t.Errorf("URL() = %q, want http://localhost:<port>/", srv.URL())
	}
	if !srv.Exposed() {
		t.Error("Exposed() = false on every address")
	}
}
