package sts

import (
	"net/http"
	"strings"
	"time"
)

// Handler serves the STS Query API and the metadata of every launched
// instance on one address: /latest/… is the instance metadata of the
// instance launched first, /INSTANCE-ID/latest/… that of each instance, and
// every other path the STS Query API.
func (s *Service) Handler() http.Handler {
	q := s.QueryHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		// A token PUT to a version-specific path (/2021-03-23/api/token)
		// is the metadata service's too, which answers it 403 (Amazon EC2
		// User Guide, "Retrieve instance metadata" > "Considerations").
		if strings.HasPrefix(p, "/latest/") || r.Method == http.MethodPut && strings.HasSuffix(p, "/api/token") && !strings.HasPrefix(p, "/i-") {
			id := s.firstInstance()
			if id == "" {
				http.NotFound(w, r)
				return
			}
			s.imdsFor(id).ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(p, "/i-") {
			id, rest, _ := strings.Cut(p[1:], "/")
			token := r.Method == http.MethodPut && strings.HasSuffix(rest, "/api/token")
			if _, ok := s.Instance(id); ok && (strings.HasPrefix("/"+rest, "/latest/") || token) {
				r2 := r.Clone(r.Context())
				r2.URL.Path = "/" + rest
				s.imdsFor(id).ServeHTTP(w, r2)
				return
			}
		}
		q.ServeHTTP(w, r)
	})
}

func (s *Service) firstInstance() string {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	return s.instances.first
}

// imdsFor returns the one metadata handler of an instance, so that its
// tokens hold across requests.
func (s *Service) imdsFor(id string) http.Handler {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	h, ok := s.instances.imds[id]
	if !ok {
		h = &imds{s: s, instance: id, tokens: map[string]time.Time{}}
		s.instances.imds[id] = h
	}
	return h
}
