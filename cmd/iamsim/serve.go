package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/sts"
)

const serveUsage = `usage: iamsim serve --account FILE... [--overlay FILE] [--listen ADDR]
                    [--instance INSTANCE_ID=PROFILE_NAME...] [--access-key USER_ARN=AKID:SECRET...]

Serves AWS STS's Query API and the EC2 instance metadata service (IMDSv2) on one
address, over the loaded accounts, for unmodified AWS SDKs and CLIs: point them
at it with AWS_ENDPOINT_URL_STS=http://HOST:PORT and, for an instance,
AWS_EC2_METADATA_SERVICE_ENDPOINT=http://HOST:PORT. Calls are signed with the
long-term keys of IAM users (from the overlay or --access-key) or with the
temporary credentials the server issued.

Flags:
  --account FILE                      output of aws iam get-account-authorization-details
                                      (repeatable; required)
  --overlay FILE                      account overlay (organization, resource policies,
                                      users' access keys)
  --listen ADDR                       address to listen on (default 127.0.0.1:0, a free port)
  --instance INSTANCE_ID=PROFILE      an EC2 instance running with an instance profile
                                      (repeatable); the first is served at /latest/...,
                                      each at /INSTANCE_ID/latest/...
  --access-key USER_ARN=AKID:SECRET   a long-term access key of a loaded user, or of an
                                      account's root (repeatable)

Output: the first line is "listening on http://HOST:PORT"; then one line per
request. The server stops on SIGINT or SIGTERM.

Exit status: 0 when stopped by a signal, 2 on a usage error or files that cannot
be loaded.
`

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	const name = "serve"
	var accounts, instances, keys listFlag
	var overlay, listen onceFlag
	fs := newFlagSet(name)
	fs.Var(&accounts, "account", "")
	fs.Var(&overlay, "overlay", "")
	fs.Var(&listen, "listen", "")
	fs.Var(&instances, "instance", "")
	fs.Var(&keys, "access-key", "")
	pos, code := parseFlags(fs, args, serveUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	switch {
	case len(pos) > 0:
		return usageError(stderr, name, serveUsage, "unexpected argument %q", pos[0])
	case len(accounts) == 0:
		return usageError(stderr, name, serveUsage, "--account is required")
	}
	cfg := &sts.Config{}
	for _, k := range keys {
		principal, rest, ok1 := strings.Cut(k, "=")
		id, secret, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 || principal == "" || id == "" || secret == "" {
			return usageError(stderr, name, serveUsage, "--access-key: want USER_ARN=AKID:SECRET")
		}
		cfg.Keys = append(cfg.Keys, sts.Key{PrincipalARN: principal, AccessKeyID: id, Secret: sts.Secret(secret)})
	}
	set, err := account.LoadFiles(accounts, overlay.value, account.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: cannot load the accounts:\n%v\n", name, err)
		return exitUsage
	}
	svc, err := sts.New(set, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	for _, in := range instances {
		id, profile, ok := strings.Cut(in, "=")
		if !ok {
			return usageError(stderr, name, serveUsage, "--instance %q: want INSTANCE_ID=PROFILE_NAME", in)
		}
		if _, err := svc.LaunchInstance(id, profile); err != nil {
			fmt.Fprintf(stderr, "iamsim %s: --instance %s: %v\n", name, in, err)
			return exitUsage
		}
	}
	addr := listen.value
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	srv := &http.Server{Handler: logRequests(svc.Handler(), stdout), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		return exitOK
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
			return exitUsage
		}
		return exitOK
	}
}

// logRequests prints one line per request: method, path and status. No
// header, form value or body is printed: they may hold secrets.
func logRequests(h http.Handler, out io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		fmt.Fprintf(out, "%s %s %d\n", r.Method, r.URL.Path, rec.status)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
