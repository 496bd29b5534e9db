package apply

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// hardSubjects are subjects that break naive encoders.
var hardSubjects = []string{
	"candidature médiateur.rice interculturel.le",
	"candidature médiateur·rice interculturel·le", // middle dot: a different subject, kept as is
	"candidature me\u0301diateur.rice",            // NFD é: kept as is, not normalised
	"CV & lettre",
	"poste ? oui",
	"réf #42",
	"100 % motivé",
	"C++ developer",
	"a+b=c",
	"key=value&other=1",
	`"guillemets" et 'apostrophes'`,
	"« Offre » – Calais",
	"candidature 🙂 👩‍💻",
	"path/to;x:y@z,w!$()*",
	"<>\\^`{}|[]",
	"%20 not a space %2B %0D%0A",
	"a",
	"tab\u00a0inside nbsp", // a no-break space inside is fine
	strings.Repeat("candidature médiateur.rice interculturel.le ", 40) + "fin",
}

// hardAddressLists are recipient lists accepted by CheckAddress.
var hardAddressLists = [][]string{
	{"mhugeux@ecpat-france.org"},
	{"mhugeux@ecpat-france.org", "responsable-calais@ecpat-france.org"},
	{"recrutement@example.org", "rh+candidatures@example.org", "third.person@sub.example.org"},
	{"rh+candidatures@example.org"},
	{"a&b@example.org", "x=y@example.org"},
	{"100%real@example.org", "o'brien@example.org", "q?h#f@example.org"},
	{"a/b{c}|d^e`f~g!h$i*j@example.org"},
	{"élodie@example.org", "User.Name@Example.ORG"},
}

// stdDecode decodes a link with the standard library only (not with Parse).
func stdDecode(t *testing.T, uri string) (to []string, subject []string, body []string) {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", uri, err)
	}
	if u.Scheme != "mailto" {
		t.Fatalf("scheme %q in %q", u.Scheme, uri)
	}
	if u.Fragment != "" || u.RawFragment != "" {
		t.Fatalf("fragment %q in %q", u.Fragment, uri)
	}
	for _, a := range strings.Split(u.Opaque, ",") {
		d, err := url.PathUnescape(a)
		if err != nil {
			t.Fatalf("PathUnescape(%q): %v", a, err)
		}
		to = append(to, d)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", u.RawQuery, err)
	}
	return to, q["subject"], q["body"]
}

// checkShape asserts what every link must look like.
func checkShape(t *testing.T, uri string) {
	t.Helper()
	if strings.ContainsAny(uri, " +\r\n\t#\"'<>\\^`{}|") {
		t.Errorf("link has a raw space, +, line break or unsafe character: %q", uri)
	}
	for i := 0; i < len(uri); i++ {
		if uri[i] < 0x21 || uri[i] > 0x7e {
			t.Fatalf("link has a non-printable or non-ASCII byte %#x: %q", uri[i], uri)
		}
		if uri[i] == '%' && (strings.ToUpper(uri[i:i+3]) != uri[i:i+3]) {
			t.Fatalf("lowercase hex at %d: %q", i, uri)
		}
	}
}

func TestRoundTripStdlib(t *testing.T) {
	for _, subject := range hardSubjects {
		if err := CheckSubject(subject); err != nil {
			t.Fatalf("CheckSubject(%q) = %v, want nil", subject, err)
		}
		for _, to := range hardAddressLists {
			uri, err := Mailto(Request{To: to, Subject: subject})
			if err != nil {
				t.Fatalf("Mailto(%q, %q): %v", to, subject, err)
			}
			checkShape(t, uri)
			gotTo, gotSubject, gotBody := stdDecode(t, uri)
			if !slices.Equal(gotTo, to) {
				t.Errorf("%q: addresses %q, want %q", uri, gotTo, to)
			}
			if len(gotSubject) != 1 || gotSubject[0] != subject {
				t.Errorf("%q: subject %q, want exactly [%q]", uri, gotSubject, subject)
			}
			if gotBody != nil {
				t.Errorf("%q: unexpected body %q", uri, gotBody)
			}
			_, encSubject, _ := strings.Cut(uri, "?subject=")
			if strings.Contains(encSubject, "+") || strings.Contains(encSubject, " ") {
				t.Errorf("encoded subject has + or space: %q", encSubject)
			}
			if TooLong(uri) != (len(uri) > MaxLength) {
				t.Errorf("TooLong(%d bytes) = %v", len(uri), TooLong(uri))
			}
		}
	}
}

func TestRoundTripParse(t *testing.T) {
	bodies := []string{"", "Bonjour,\n\nVeuillez trouver ci-joint mon CV & ma lettre de motivation.", "\n", "a\tb\n+ é 🙂 %0A"}
	for _, subject := range append([]string{""}, hardSubjects...) {
		for _, to := range hardAddressLists {
			for _, body := range bodies {
				in := Request{To: to, Subject: subject, Body: body}
				uri, err := Mailto(in)
				if err != nil {
					t.Fatalf("Mailto(%+v): %v", in, err)
				}
				checkShape(t, uri)
				got, err := Parse(uri)
				if err != nil {
					t.Fatalf("Parse(%q): %v", uri, err)
				}
				if !slices.Equal(got.To, in.To) || got.Subject != in.Subject || got.Body != in.Body {
					t.Errorf("Parse(%q) = %+v, want %+v", uri, got, in)
				}
				_, stdSubject, stdBody := stdDecode(t, uri)
				if body != "" && (len(stdBody) != 1 || stdBody[0] != strings.ReplaceAll(body, "\n", "\r\n")) {
					t.Errorf("%q: std body %q, want CRLF version of %q", uri, stdBody, body)
				}
				if subject == "" && stdSubject != nil {
					t.Errorf("%q: subject field for empty subject", uri)
				}
			}
		}
	}
}

func TestExamplePosting(t *testing.T) {
	to := []string{"mhugeux@ecpat-france.org", "responsable-calais@ecpat-france.org"}
	const subject = "candidature médiateur.rice interculturel.le"
	const want = "mailto:mhugeux@ecpat-france.org,responsable-calais@ecpat-france.org?subject=candidature%20m%C3%A9diateur.rice%20interculturel.le"
	got, err := Mailto(Request{To: to, Subject: subject})
	if err != nil || got != want {
		t.Fatalf("Mailto = %q, %v\nwant     %q", got, err, want)
	}

	// Body variant: "\n" is %0D%0A, "," is %2C, "&" is %26 (worked example of the notes).
	body := "Bonjour,\n\nVeuillez trouver ci-joint mon CV & ma lettre de motivation."
	got, err = Mailto(Request{To: to, Subject: subject, Body: body})
	wantBody := want + "&body=Bonjour%2C%0D%0A%0D%0AVeuillez%20trouver%20ci-joint%20mon%20CV%20%26%20ma%20lettre%20de%20motivation."
	if err != nil || got != wantBody {
		t.Fatalf("Mailto with body = %q, %v\nwant               %q", got, err, wantBody)
	}

	// Body without subject: the body is the first hfield.
	got, err = Mailto(Request{To: to[:1], Body: "a\nb"})
	if want := "mailto:mhugeux@ecpat-france.org?body=a%0D%0Ab"; err != nil || got != want {
		t.Fatalf("Mailto body only = %q, %v, want %q", got, err, want)
	}

	// Worked example of the notes: "+" in the local part is %2B.
	got, err = Mailto(Request{To: []string{"recrutement@example.org", "rh+candidatures@example.org"}, Subject: subject})
	const wantPlus = "mailto:recrutement@example.org,rh%2Bcandidatures@example.org?subject=candidature%20m%C3%A9diateur.rice%20interculturel.le"
	if err != nil || got != wantPlus || len(got) != 121 {
		t.Fatalf("Mailto = %q (%d), %v, want %q", got, len(got), err, wantPlus)
	}
}

func TestBytesKept(t *testing.T) {
	for _, tc := range []struct{ subject, encoded string }{
		{"me\u0301diateur", "me%CC%81diateur"},               // NFD stays NFD
		{"m\u00e9diateur", "m%C3%A9diateur"},                 // NFC stays NFC
		{"médiateur·rice", "m%C3%A9diateur%C2%B7rice"},       // middle dot not "corrected"
		{"a+b c", "a%2Bb%20c"},                               // never form-style
		{`&=?#%"'`, "%26%3D%3F%23%25%22%27"},                 // delimiters and quotes
		{"x!$()*,;:@/y", "x%21%24%28%29%2A%2C%3B%3A%40%2Fy"}, // sub-delims encoded too
		{"A-Z.a_z~09", "A-Z.a_z~09"},                         // unreserved kept
	} {
		got, err := Mailto(Request{To: []string{"a@example.org"}, Subject: tc.subject})
		if want := "mailto:a@example.org?subject=" + tc.encoded; err != nil || got != want {
			t.Errorf("Mailto(%q) = %q, %v, want %q", tc.subject, got, err, want)
		}
	}
}

func TestCheckSubject(t *testing.T) {
	const trim = "; remove it, because mail clients and filters trim spaces and the subject would no longer match"
	for _, tc := range []struct{ in, want string }{
		{"candidature médiateur.rice interculturel.le", ""},
		{"é 🙂 & ? # % + = \" '", ""},
		{"", "is empty; write the subject the employer requires, or remove the line"},
		{"   ", "contains only spaces; write the subject the employer requires"},
		{"\u00a0\u3000", "contains only spaces; write the subject the employer requires"},
		{"a\nb", "contains a line break; a subject must be one line"},
		{"a\r\nBcc: x@evil.example", "contains a line break; a subject must be one line"},
		{"a\rb", "contains a line break; a subject must be one line"},
		{"a\u2028b", "contains a line break; a subject must be one line"},
		{"a\u2029b", "contains a line break; a subject must be one line"},
		{"a\u0085b", "contains a line break; a subject must be one line"},
		{"a\n", "contains a line break; a subject must be one line"},
		{"a\tb", "contains a tab; use a space instead"},
		{"a\x00b", "contains an invisible control character (U+0000); remove it"},
		{"a\x7fb", "contains an invisible control character (U+007F); remove it"},
		{"a\u0080b", "contains an invisible control character (U+0080); remove it"},
		{" candidature", "starts with a space" + trim},
		{"\u00a0candidature", "starts with a space" + trim},
		{"candidature ", "ends with a space" + trim},
		{"candidature\u3000", "ends with a space" + trim},
		{"a\xffb", "is not valid text (invalid UTF-8); save the file as UTF-8"},
		{"\xed\xa0\x80", "is not valid text (invalid UTF-8); save the file as UTF-8"}, // surrogate
	} {
		got := ""
		if err := CheckSubject(tc.in); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckSubject(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCheckAddress(t *testing.T) {
	const (
		bare   = "must be the address alone, without a name or < >, such as name@example.org"
		bad    = "is not a valid e-mail address; it should look like name@example.org"
		domain = "the part after @ must be a domain name such as example.org: letters, digits, hyphens and dots"
	)
	for _, tc := range []struct{ in, want string }{
		{"mhugeux@ecpat-france.org", ""},
		{"rh+candidatures@example.org", ""},
		{"a&b=c%d'e@example.org", ""},
		{"a!#$%&'*+/=?^_`{|}~@x.example.org", ""},
		{"élodie@example.org", ""},
		{"x@xn--exmple-cua.org", ""},
		{"", "is empty; write an e-mail address such as name@example.org"},
		{"a b@example.org", "contains a space; an e-mail address has no spaces"},
		{" a@example.org", "contains a space; an e-mail address has no spaces"},
		{"a@example.org\u00a0", "contains a space; an e-mail address has no spaces"},
		{"a@example.org\n", "contains a space; an e-mail address has no spaces"},
		{"a\x00@example.org", "contains an invisible control character (U+0000); remove it"},
		{"a\u200b@example.org", "contains an invisible character (U+200B); remove it"},
		{"Jean <a@example.org>", "contains a space; an e-mail address has no spaces"},
		{"<a@example.org>", bare},
		{"a@example.org(comment)", "must be the address alone, without a name or comment, such as name@example.org"},
		{"a@example.org,b@example.org", "contains a comma or semicolon; give each address as its own item of the list"},
		{"a@example.org;b@example.org", "contains a comma or semicolon; give each address as its own item of the list"},
		{"example.org", "has no @; an e-mail address looks like name@example.org"},
		{"a@@example.org", bad},
		{"@example.org", bad},
		{"a@", bad},
		{"a.@example.org", bad},
		{"a..b@example.org", bad},
		{"a@example.org.", bad},
		{`"a"@example.org`, "is not written the usual way (quotes or comments); write it as name@example.org"},
		{"a@localhost", "the part after @ must be a full domain name with a dot, such as example.org"},
		{"a@exämple.org", "has non-ASCII letters after the @; write the domain in its xn-- (punycode) form"},
		{"a@[192.0.2.1]", domain},
		{"a@ex&ample.org", domain},
		{"a@-example.org", domain},
		{"a@example-.org", domain},
		{"a@ex_ample.org", domain},
		{"a\xff@example.org", "is not valid text (invalid UTF-8); save the file as UTF-8"},
	} {
		got := ""
		if err := CheckAddress(tc.in); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckAddress(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMailtoErrors(t *testing.T) {
	for _, tc := range []struct {
		r    Request
		want string
	}{
		{Request{Subject: "x"}, "no address to send applications to; give at least one"},
		{Request{To: []string{"a@example.org", "b c@example.org"}}, `address "b c@example.org": contains a space; an e-mail address has no spaces`},
		{Request{To: []string{"a@example.org"}, Subject: "x\r\nBcc: y@example.org"}, "subject: contains a line break; a subject must be one line"},
		{Request{To: []string{"a@example.org"}, Subject: " x"}, "subject: starts with a space; remove it, because mail clients and filters trim spaces and the subject would no longer match"},
		{Request{To: []string{"a@example.org"}, Body: "a\r\nb"}, `body: contains a carriage return; separate lines with "\n" only`},
		{Request{To: []string{"a@example.org"}, Body: "a\x00"}, "body: contains an invisible control character (U+0000); remove it"},
		{Request{To: []string{"a@example.org"}, Body: "\xff"}, "body: is not valid text (invalid UTF-8)"},
	} {
		got, err := Mailto(tc.r)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Mailto(%+v) = %q, %v, want error %q", tc.r, got, err, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Request
	}{
		{"mailto:a@example.org", Request{To: []string{"a@example.org"}}},
		{"MAILTO:a@example.org?SUBJECT=x%2By+z", Request{To: []string{"a@example.org"}, Subject: "x+y+z"}},
		{"mailto:?to=a@example.org,b%2Bc@example.org&subject=hi", Request{To: []string{"a@example.org", "b+c@example.org"}, Subject: "hi"}},
		{"mailto:a@example.org?to=b@example.org&cc=c@example.org&body=x%0d%0ay", Request{To: []string{"a@example.org", "b@example.org"}, Body: "x\ny"}},
		{"mailto:a%2Cb@example.org", Request{To: []string{"a,b@example.org"}}},
		{"mailto:", Request{}},
	} {
		got, err := Parse(tc.in)
		if err != nil || !slices.Equal(got.To, tc.want.To) || got.Subject != tc.want.Subject || got.Body != tc.want.Body {
			t.Errorf("Parse(%q) = %+v, %v, want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{
		"http://example.org/",
		"mail",
		"mailto:a@example.org#x",
		"mailto:a@example.org?subject=%zz",
		"mailto:a@example.org?subject=%4",
		"mailto:a%ff@example.org",
		"mailto:a@example.org?subject=a&subject=b",
		"mailto:a@example.org?body=a&body=b",
	} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, got)
		}
	}
}

func TestTooLong(t *testing.T) {
	short, _ := Mailto(Request{To: []string{"a@example.org"}, Subject: "x"})
	long, err := Mailto(Request{To: []string{"a@example.org"}, Body: strings.Repeat("é", MaxLength)})
	if err != nil {
		t.Fatal(err)
	}
	if TooLong(short) || !TooLong(long) {
		t.Errorf("TooLong(short) = %v, TooLong(long) = %v", TooLong(short), TooLong(long))
	}
}

// fuzzAddresses derives 1 to 3 addresses from s: lines of s, the first three;
// a line without "@" becomes a local part at example.org.
func fuzzAddresses(s string) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > 3 {
		lines = lines[:3]
	}
	for i, l := range lines {
		if !strings.Contains(l, "@") {
			lines[i] = l + "@example.org"
		}
	}
	return lines
}

func FuzzMailto(f *testing.F) {
	for i, s := range hardSubjects {
		to := hardAddressLists[i%len(hardAddressLists)]
		f.Add(s, strings.Join(to, "\n"), "")
	}
	f.Add("candidature médiateur.rice interculturel.le", "mhugeux@ecpat-france.org\nresponsable-calais@ecpat-france.org", "Bonjour,\n\nCV & lettre.")
	f.Add(" x", "a b", "a\r\nb")
	f.Add("x\ny", "a,b\n\"q\"@x.org\nc@localhost", "\x00")
	f.Add("", "a&b=c%d'e", "\n")
	f.Fuzz(func(t *testing.T, subject, addrs, body string) {
		to := fuzzAddresses(addrs)
		in := Request{To: to, Subject: subject, Body: body}
		uri, err := Mailto(in) // must never panic
		_, _ = Parse(subject)  // must never panic either, whatever the input
		_, _ = Parse("mailto:" + addrs + "?" + body)

		ok := (subject == "" || CheckSubject(subject) == nil) && checkBody(body) == nil
		for _, a := range to {
			ok = ok && CheckAddress(a) == nil
		}
		if !ok {
			if err == nil {
				t.Fatalf("Mailto(%+v) = %q, want an error: a check refuses the input", in, uri)
			}
			return
		}
		if err != nil {
			t.Fatalf("Mailto(%+v): %v, but the checks accept it", in, err)
		}
		checkShape(t, uri)
		gotTo, gotSubject, gotBody := stdDecode(t, uri)
		if !slices.Equal(gotTo, to) {
			t.Fatalf("%q: std addresses %q, want %q", uri, gotTo, to)
		}
		if subject == "" {
			if gotSubject != nil {
				t.Fatalf("%q: subject field for an empty subject", uri)
			}
		} else if len(gotSubject) != 1 || gotSubject[0] != subject {
			t.Fatalf("%q: std subject %q, want [%q]", uri, gotSubject, subject)
		}
		if body != "" && (len(gotBody) != 1 || gotBody[0] != strings.ReplaceAll(body, "\n", "\r\n")) {
			t.Fatalf("%q: std body %q, want CRLF version of %q", uri, gotBody, body)
		}
		got, err := Parse(uri)
		if err != nil {
			t.Fatalf("Parse(%q): %v", uri, err)
		}
		if !slices.Equal(got.To, to) || got.Subject != subject || got.Body != body {
			t.Fatalf("Parse(%q) = %+v, want %+v", uri, got, in)
		}
		if !utf8.ValidString(got.Subject) {
			t.Fatalf("invalid UTF-8 subject from %q", uri)
		}
	})
}
