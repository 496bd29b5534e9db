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
