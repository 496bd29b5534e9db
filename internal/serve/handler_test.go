package serve

import (
	"net/http"
	"testing"
)

func TestLookup(t *testing.T) {
	files := map[string]*file{
		"index.html": {}, "fr/index.html": {}, "fr/x/index.html": {}, "assets/style.1.css": {}, "404.html": {},
	}
	tests := []struct {
		base, path string
		name       string
		status     int
	}{
		{"/", "/", "index.html", http.StatusOK},
		{"/", "/fr/x/", "fr/x/index.html", http.StatusOK},
		{"/", "/fr/x", "/fr/x/", http.StatusFound},
		{"/", "/assets/style.1.css", "assets/style.1.css", http.StatusOK},
		{"/", "/nope/", "404.html", http.StatusNotFound},
		// A site published below a folder is previewed below it.
		{"/jobs/", "/", "/jobs/", http.StatusFound},
		{"/jobs/", "/jobs", "/jobs/", http.StatusFound},
		{"/jobs/", "/jobs/", "index.html", http.StatusOK},
		{"/jobs/", "/jobs/fr/x/", "fr/x/index.html", http.StatusOK},
		{"/jobs/", "/jobs/fr/x", "/jobs/fr/x/", http.StatusFound},
		{"/jobs/", "/jobs/assets/style.1.css", "assets/style.1.css", http.StatusOK},
		{"/jobs/", "/jobs/nope", "404.html", http.StatusNotFound},
	}
	for _, tt := range tests {
		s := &snapshot{files: files, base: tt.base}
		name, status := s.lookup(tt.path)
		if name != tt.name || status != tt.status {
			t.Errorf("base %s: lookup(%q) = %q, %d; want %q, %d", tt.base, tt.path, name, status, tt.name, tt.status)
		}
	}
}
