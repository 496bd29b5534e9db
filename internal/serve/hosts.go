package serve

import (
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// hosts are the names a request's Host may give: the preview answers only
// for them, with 421 Misdirected Request for any other.
//
// A web page the user visits can make its own name point at 127.0.0.1
// (DNS rebinding): the browser then sends that page's requests to serve,
// and lets the page read the answers, drafts included, since they come
// from the page's own name. Those requests carry the page's name in Host,
// never one of the names below, so they are refused. A name only the
// user's computer or network answers for cannot be rebound by a web page.
//
// Answered, with the port listened on (a Host without a port is for port
// 80), case aside:
//   - localhost, 127.0.0.1 and [::1], the loopback of this computer;
//   - the address listened on, and the name given in -addr when it was a
//     name (-addr preview.lan:1313 answers preview.lan:1313);
//   - when listening on every interface (0.0.0.0, [::], ":1313"), any IP
//     address, and this computer's name (os.Hostname, and name.local as
//     Bonjour announces it): a phone on the same Wi-Fi opens the preview at
//     the computer's address, which may change while serve runs. An
//     address in Host is the one the browser connected to, so a page that
//     names itself that way is the preview itself: no rebinding is
//     possible there. Other names of the computer (a DNS name of the
//     office network) are refused: give that name in -addr.
type hosts struct {
	port  string
	ips   []netip.Addr // loopback, and the address listened on
	names []string     // lower case
	anyIP bool
}

// newHosts is the hosts of a server asked to listen on addr (as given in
// -addr) and listening on ln (the port picked when addr's was 0).
func newHosts(addr string, ln net.Addr) hosts {
	h := hosts{
		ips:   []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.IPv6Loopback()},
		names: []string{"localhost"},
	}
	ap, err := netip.ParseAddrPort(ln.String())
	if err != nil {
		return h // not TCP: answer the loopback names on no port
	}
	h.port = strconv.Itoa(int(ap.Port()))
	ip := ap.Addr().Unmap()
	h.ips = append(h.ips, ip)
	if ip.IsUnspecified() {
		h.anyIP = true
		if name, err := os.Hostname(); err == nil && name != "" {
			name = strings.ToLower(name)
			h.names = append(h.names, name)
			if !strings.Contains(name, ".") {
				h.names = append(h.names, name+".local")
			}
		}
	}
	if given, _, err := net.SplitHostPort(addr); err == nil && given != "" {
		if _, err := netip.ParseAddr(given); err != nil {
			h.names = append(h.names, strings.ToLower(given))
		}
	}
	return h
}

// allow reports whether a request whose Host header is host is answered.
func (h hosts) allow(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		// No port: the default one. An IPv6 address is in brackets.
		name, port = host, ""
		if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
			name = name[1 : len(name)-1]
		} else if strings.Contains(name, ":") {
			return false
		}
	}
	if port == "" {
		port = "80"
	}
	if name == "" || port != h.port {
		return false
	}
	if ip, err := netip.ParseAddr(name); err == nil {
		if strings.Contains(host, "]") != ip.Is6() || ip.Zone() != "" {
			return false // "::1" without brackets, "[127.0.0.1]"
		}
		ip = ip.Unmap()
		if h.anyIP {
			return true
		}
		for _, a := range h.ips {
			if ip == a {
				return true
			}
		}
		return false
	}
	name = strings.ToLower(name)
	for _, n := range h.names {
		if name == n {
			return true
		}
	}
	return false
}
