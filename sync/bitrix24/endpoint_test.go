package bitrix24

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	tests := []struct {
		raw string
		ok  bool
	}{
		{"https://example.bitrix24.ru/rest/", true},
		{"http://example.com/rest/", false},
		{"http://127.0.0.1:8080/rest/", true},
		{"http://127.3.4.5/rest/", true},
		{"http://[::1]:9000/", true},
		{"http://localhost:9000/", true},
		{"http://api.localhost/", true},
		{"http://10.0.0.1/", false},
		{"http://127.0.0.1.example.com/", false},
		{"ftp://example.com/", false},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.raw)
		err := CheckURL(u)
		if (err == nil) != tt.ok {
			t.Errorf("CheckURL(%s) = %v, want ok=%v", tt.raw, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInsecureURL) {
			t.Errorf("CheckURL(%s) = %v, want ErrInsecureURL", tt.raw, err)
		}
	}
}

func TestParseWebhook(t *testing.T) {
	tests := []struct {
		raw, base, user, code string
	}{
		{"https://example.bitrix24.ru/rest/1/abcdef123456/", "https://example.bitrix24.ru/rest/1/abcdef123456/", "1", "abcdef123456"},
		{"https://example.bitrix24.ru/rest/12/abcdef123456", "https://example.bitrix24.ru/rest/12/abcdef123456/", "12", "abcdef123456"},
		{" https://example.bitrix24.ru/rest/1/abcdef123456/profile.json ", "https://example.bitrix24.ru/rest/1/abcdef123456/", "1", "abcdef123456"},
		{"https://corp.example.com/portal/rest/7/k3y/", "https://corp.example.com/portal/rest/7/k3y/", "7", "k3y"},
		{"http://127.0.0.1:8080/rest/1/secret/", "http://127.0.0.1:8080/rest/1/secret/", "1", "secret"},
	}
	for _, tt := range tests {
		w, err := ParseWebhook(tt.raw)
		if err != nil {
			t.Fatalf("ParseWebhook(%q): %v", tt.raw, err)
		}
		if w.Base.String() != tt.base || w.UserID != tt.user || w.Code != tt.code {
			t.Errorf("ParseWebhook(%q) = %s %s %s", tt.raw, w.Base, w.UserID, w.Code)
		}
	}
	for _, bad := range []string{
		"http://example.com/rest/1/topsecret/",
		"https://example.com/rest/x/topsecret/",
		"https://example.com/rest/1/",
		"https://example.com/rest/1/topsecret/?auth=1",
		"::not a url topsecret",
		"https://user:topsecret@example.com/rest/1/abc/",
	} {
		_, err := ParseWebhook(bad)
		if err == nil {
			t.Errorf("ParseWebhook(%q) accepted", bad)
			continue
		}
		if strings.Contains(err.Error(), "topsecret") {
			t.Errorf("ParseWebhook(%q) error leaks the code: %v", bad, err)
		}
	}
}
