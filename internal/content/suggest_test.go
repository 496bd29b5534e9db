package content

import "testing"

func TestSuggest(t *testing.T) {
	contracts := []string{"CDI", "CDD", "interim", "alternance", "stage", "freelance", "volontariat", "benevolat"}
	for _, tt := range []struct {
		s    string
		from []string
		want string
	}{
		{"CID", contracts, ""}, // as near CDI as CDD: neither
		{"DCI", contracts, "CDI"},
		{"CDDI", contracts, ""},
		{"cdi", contracts, "CDI"},
		{"Cid", contracts, ""},
		{"intreim", contracts, "interim"},
		{"alternace", contracts, "alternance"},
		{"satge", contracts, "stage"},
		{"freelnace", contracts, "freelance"},
		{"bénévolat", contracts, "benevolat"},
		{"interimaire", contracts, ""},
		{"titel", []string{"title", "summary", "expires"}, "title"},
		{"expries", []string{"title", "summary", "expires"}, "expires"},
		{"buidl", []string{"build", "check", "serve", "new"}, "build"},
		{"", contracts, ""},
		{"x", []string{"C", "out", "drafts"}, ""},
		{"CD", contracts, ""},
	} {
		if got := suggest(tt.s, tt.from); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "ab", 2}, {"CID", "CDI", 1}, {"CID", "CDD", 1},
		{"abc", "abc", 0}, {"ab", "ba", 1}, {"abcd", "badc", 2}, {"ca", "abc", 3},
		{"kitten", "sitting", 3}, {"été", "ete", 2},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestDateFix(t *testing.T) {
	for s, want := range map[string]string{
		"15/01/2027": "2027-01-15", "15.01.2027": "2027-01-15", "5-1-2027": "", "15-1-2027": "2027-01-15", "2027-1-15": "2027-01-15",
		"2027/01/15": "2027-01-15", "1er mars 2027": "2027-03-01", "15 janvier 2027": "2027-01-15", "15 Janvier 2027": "2027-01-15",
		"15 février 2027": "2027-02-15", "15 fevrier 2027": "2027-02-15", "3 August 2027": "2027-08-03", " 15/01/2027 ": "2027-01-15",
		"31/04/2027": "", "29/02/2027": "", "29/02/2028": "2028-02-29", "15/13/2027": "", "01/15/2027": "",
		"15 janv. 2027": "", "janvier 2027": "", "asap": "", "2027-01-15": "2027-01-15", "15/01/27": "",
		"03/04/2027": "", "04/04/2027": "2027-04-04", "4/04/2027": "2027-04-04", "13/04/2027": "2027-04-13",
	} {
		if got := dateFix(s); got != want {
			t.Errorf("dateFix(%q) = %q, want %q", s, got, want)
		}
	}
}
