package main

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install @v0.3.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, "v0.3.0"},
		{"a clone", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "3f7db7f0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}}}, "(devel 3f7db7f01234+changes)"},
		{"no VCS", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"no build information", nil, "(unknown)"},
	} {
		if got := version(tc.info); got != tc.want {
			t.Errorf("%s: version = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestReleaseOf(t *testing.T) {
	for v, want := range map[string]string{
		"v0.3.0":                               "v0.3.0",
		"v1.2.3-rc.1":                          "v1.2.3-rc.1",
		"v0.3.0+dirty":                         "latest",
		"v0.3.1-0.20261206112233-3f7db7f01234": "latest",
		"v1.2.3-rc.1.0.20261206112233-3f7db7f01234": "latest",
		"(devel 3f7db7f01234)":                      "latest",
		"(unknown)":                                 "latest",
	} {
		if got := releaseOf(v); got != want {
			t.Errorf("releaseOf(%q) = %q, want %q", v, got, want)
		}
	}
}
