// Package apply builds and reads the mailto: links that let a candidate apply
// to a posting by e-mail (RFC 6068). It has no I/O and no global state.
//
// Why the care:
//   - Every required recipient goes in the path, comma-separated
//     ("mailto:a@x,b@y"). Some clients ignore "to=" header fields, and cc/bcc
//     are best effort, so a second address there could be lost.
//   - Spaces are written %20 and "+" is written %2B: form-style decoders
//     (Gmail and Outlook web handlers, WHATWG urlencoded) turn "+" into a
//     space, which would change the employer's required subject.
//   - Everything in the subject and body except the unreserved characters
//     A-Z a-z 0-9 - . _ ~ is percent-encoded with uppercase hex (UTF-8 bytes
//     for non-ASCII), so "&", "=", "?", "#", "%", quotes and "," can never be
//     read as delimiters. In addresses the same applies to the local part and
//     the domain separately; "@" stays literal and a "," is always encoded,
//     because the comma separates recipients.
//   - A subject may not contain a line break or any other control character:
//     a raw CR/LF would let the text inject extra mail headers. The body's
//     "\n" line breaks are written %0D%0A as RFC 6068 requires.
//   - Outlook on Windows does not accept comma-separated recipients by
//     default, and many visitors have no mail app at all: pages must also
//     print the addresses and the subject as text beside the link.
//
// Bytes are kept exactly: the subject is the employer's, used verbatim on every
// language's page, and is NOT normalised (no NFC, no trimming, no case change).
// An NFD "é" stays "e%CC%81", because a recipient's mail filter matches bytes.
// Instead of silently fixing a subject, CheckSubject refuses what cannot work,
// including leading or trailing white space, which clients and filters trim.
//
// Length: Mailto never fails because a link is long; it returns the link and
// callers warn when TooLong reports true (more than MaxLength bytes).
package apply

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobboard/jobboard/internal/msg"
)

// MaxLength is the longest link, in bytes, that we consider safe: longer
// mailto links fail in some clients (old browser-to-mail hand-offs stopped at
// 2,048 or 2,083 characters). Mailto still returns longer links; see TooLong.
const MaxLength = 2000

// Request is what a posting page needs to offer an application by e-mail.
type Request struct {
	To      []string // every required recipient; all go in the path, comma-separated
	Subject string   // employer's required subject, verbatim (never translated); "" = no subject
	Body    string   // optional pre-filled body in the page's language; lines separated by "\n", encoded as %0D%0A
}

// TooLong reports whether a link built by Mailto is longer than MaxLength
// bytes, so that callers can warn (the build does not fail).
func TooLong(uri string) bool { return len(uri) > MaxLength }

// Mailto returns the RFC 6068 mailto: URI for r: the addresses in the path,
// then "?subject=" (if Subject is not "") and "&body=" (if Body is not "").
// It returns an error if there is no address, if an address fails
// CheckAddress, if the subject (when not "") fails CheckSubject, or if the body
// is not valid UTF-8 or contains a control character other than "\n" and tab
// (write line breaks as "\n", never "\r").
//
// The result is ASCII and can be given whole to html/template as an href; the
// template writes "&" as "&amp;". It may be longer than MaxLength: see TooLong.
func Mailto(r Request) (string, error) {
	if len(r.To) == 0 {
		return "", errors.New("no address to send applications to; give at least one")
	}
	var b strings.Builder
	b.WriteString("mailto:")
	for i, addr := range r.To {
		if err := CheckAddress(addr); err != nil {
			return "", fmt.Errorf("address %q: %w", addr, err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		at := strings.LastIndexByte(addr, '@')
		escape(&b, addr[:at])
		b.WriteByte('@')
		escape(&b, addr[at+1:])
	}
	sep := byte('?')
	if r.Subject != "" {
		if err := CheckSubject(r.Subject); err != nil {
			return "", fmt.Errorf("subject: %w", err)
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString("subject=")
		escape(&b, r.Subject)
	}
	if r.Body != "" {
		if err := checkBody(r.Body); err != nil {
			return "", fmt.Errorf("body: %w", err)
		}
		b.WriteByte(sep)
		b.WriteString("body=")
		escape(&b, strings.ReplaceAll(r.Body, "\n", "\r\n"))
	}
	return b.String(), nil
}

// escape writes s with every byte except the unreserved characters
// (RFC 3986: A-Z a-z 0-9 - . _ ~) percent-encoded, in uppercase hex.
func escape(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// lineBreak reports whether r ends a line for some client or text processor.
func lineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// CheckSubject returns nil if s can be used as a required subject, or an
// error whose message, in plain English for the person who wrote the posting,
// says what to change. It refuses text that is not valid UTF-8, an empty or
// white-space-only subject, line breaks (CR, LF, U+2028, U+2029, ...), tabs and
// any other control character, and leading or trailing white space. The
// message does not name the field; callers add "apply.subject: ".
func CheckSubject(s string) error {
	if !utf8.ValidString(s) {
		return msg.Errorf("is not valid text (invalid UTF-8); save the file as UTF-8")
	}
	if s == "" {
		return msg.Errorf("is empty; write the subject the employer requires, or remove the line")
	}
	for _, r := range s {
		switch {
		case lineBreak(r):
			return msg.Errorf("contains a line break; a subject must be one line")
		case r == '\t':
			return msg.Errorf("contains a tab; use a space instead")
		case unicode.Is(unicode.Cc, r):
			return msg.Errorf("contains an invisible control character (%U); remove it", r)
		}
	}
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return msg.Errorf("contains only spaces; write the subject the employer requires")
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(first) {
		return msg.Errorf("starts with a space; remove it, because mail clients and filters trim spaces and the subject would no longer match")
	}
	if unicode.IsSpace(last) {
		return msg.Errorf("ends with a space; remove it, because mail clients and filters trim spaces and the subject would no longer match")
	}
	return nil
}

// checkBody accepts any valid UTF-8 text without control characters, except
// "\n" (a line break, written %0D%0A) and tab.
func checkBody(s string) error {
	if !utf8.ValidString(s) {
		return msg.Errorf("is not valid text (invalid UTF-8)")
	}
	for _, r := range s {
		if r == '\r' {
			return msg.Errorf(`contains a carriage return; separate lines with "\n" only`)
		}
		if r != '\n' && r != '\t' && unicode.Is(unicode.Cc, r) {
			return msg.Errorf("contains an invisible control character (%U); remove it", r)
		}
	}
	return nil
}

// CheckAddress returns nil if addr is a bare e-mail address that can go in a
// mailto link: net/mail.ParseAddress accepts it and gives back exactly addr
// (no display name, no angle brackets, no quotes or comments), it has no
// white space, and its domain is an ASCII host name with a dot (letters,
// digits, hyphens; international domains in their xn-- form). The error
// message, in plain English, does not repeat the address; callers add it.
func CheckAddress(addr string) error {
	if addr == "" {
		return msg.Errorf("is empty; write an e-mail address such as name@example.org")
	}
	if !utf8.ValidString(addr) {
		return msg.Errorf("is not valid text (invalid UTF-8); save the file as UTF-8")
	}
	for _, r := range addr {
		switch {
		case unicode.IsSpace(r) && strings.Count(addr, "@") > 1:
			return msg.Errorf("holds several addresses; give each address as its own item of the list")
		case unicode.IsSpace(r):
			return msg.Errorf("contains a space; an e-mail address has no spaces")
		case unicode.Is(unicode.Cc, r):
			return msg.Errorf("contains an invisible control character (%U); remove it", r)
		case unicode.Is(unicode.Cf, r):
			return msg.Errorf("contains an invisible character (%U); remove it", r)
		case r == '<' || r == '>':
			return msg.Errorf("must be the address alone, without a name or < >, such as name@example.org")
		case r == ',' || r == ';':
			return msg.Errorf("contains a comma or semicolon; give each address as its own item of the list")
		}
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return msg.Errorf("has no @; an e-mail address looks like name@example.org")
	}
	parsed, err := mail.ParseAddress(addr)
	if err != nil {
		return msg.Errorf("is not a valid e-mail address; it should look like name@example.org")
	}
	if parsed.Name != "" {
		return msg.Errorf("must be the address alone, without a name or comment, such as name@example.org")
	}
	if parsed.Address != addr {
		return msg.Errorf("is not written the usual way (quotes or comments); write it as name@example.org")
	}
	domain := addr[at+1:]
	if !isHostName(domain) {
		for _, r := range domain {
			if r >= utf8.RuneSelf {
				return msg.Errorf("has non-ASCII letters after the @; write the domain in its xn-- (punycode) form")
			}
		}
		return msg.Errorf("the part after @ must be a domain name such as example.org: letters, digits, hyphens and dots")
	}
	if !strings.Contains(domain, ".") {
		return msg.Errorf("the part after @ must be a full domain name with a dot, such as example.org")
	}
	return nil
}

// isHostName reports whether d is made of dot-separated labels of ASCII
// letters, digits and hyphens, no label empty or starting or ending with a
// hyphen.
func isHostName(d string) bool {
	for label := range strings.SplitSeq(d, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// Parse decodes a mailto URI back into a Request. The scheme is matched
// without regard to case. The path is split on "," and each address is
// percent-decoded; "to" header fields add more addresses (split on "," too);
// "subject" and "body" are percent-decoded ("+" stays "+") and CRLF in the body
// becomes "\n". Header field names are matched without regard to case; other
// fields (cc, bcc, ...) are ignored. It returns an error for another scheme, a
// malformed percent escape, a raw "#", a repeated subject or body, or decoded
// text that is not valid UTF-8. It does not validate the addresses or the
// subject: use CheckAddress and CheckSubject for that.
func Parse(uri string) (Request, error) {
	var r Request
	const scheme = "mailto:"
	if len(uri) < len(scheme) || !strings.EqualFold(uri[:len(scheme)], scheme) {
		return r, errors.New("not a mailto: link")
	}
	rest := uri[len(scheme):]
	if strings.ContainsRune(rest, '#') {
		return r, errors.New("contains a raw #; it must be written %23")
	}
	path, query, hasQuery := strings.Cut(rest, "?")
	addAddrs := func(s string) error {
		if s == "" {
			return nil
		}
		for a := range strings.SplitSeq(s, ",") {
			d, err := unescape(a)
			if err != nil {
				return fmt.Errorf("address %q: %w", a, err)
			}
			r.To = append(r.To, d)
		}
		return nil
	}
	if err := addAddrs(path); err != nil {
		return Request{}, err
	}
	if !hasQuery {
		return r, nil
	}
	var seenSubject, seenBody bool
	for field := range strings.SplitSeq(query, "&") {
		if field == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(field, "=")
		name, err := unescape(rawName)
		if err != nil {
			return Request{}, fmt.Errorf("field name %q: %w", rawName, err)
		}
		switch strings.ToLower(name) {
		case "to":
			// The value is split on raw commas before decoding, like the path,
			// so that an encoded comma (%2C) stays inside an address.
			if err := addAddrs(rawValue); err != nil {
				return Request{}, fmt.Errorf("to: %w", err)
			}
		case "subject":
			if seenSubject {
				return Request{}, errors.New("subject is given twice")
			}
			seenSubject = true
			if r.Subject, err = unescape(rawValue); err != nil {
				return Request{}, fmt.Errorf("subject: %w", err)
			}
		case "body":
			if seenBody {
				return Request{}, errors.New("body is given twice")
			}
			seenBody = true
			body, err := unescape(rawValue)
			if err != nil {
				return Request{}, fmt.Errorf("body: %w", err)
			}
			r.Body = strings.ReplaceAll(body, "\r\n", "\n")
		}
	}
	return r, nil
}

// unescape decodes %XX escapes (either case of hex); "+" is left as "+".
func unescape(s string) (string, error) {
	if !strings.Contains(s, "%") {
		if !utf8.ValidString(s) {
			return "", errors.New("is not valid UTF-8")
		}
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", errors.New("has a % that is not followed by two hex digits")
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	if !utf8.Valid(b) {
		return "", errors.New("is not valid UTF-8 once decoded")
	}
	return string(b), nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
