package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lextraite/indexer"
)

// Sentinel errors of the handlers, wrapped with %w and a French sentence
// saying what went wrong; errorTable maps them to a status.
var (
	// errNotFound: no document, provision or page at that address.
	errNotFound = errors.New("introuvable")
	// errBadRequest: a parameter the user must fix (length, paging, filter).
	errBadRequest = errors.New("demande incorrecte")
	// errMethod: a method other than those the address answers (the
	// site is read-only: GET and HEAD, POST for the working set only).
	errMethod = errors.New("méthode non autorisée")
	// errBusy: too many searches are waiting for the engine.
	errBusy = errors.New("serveur occupé")
)

// errorTable maps sentinel errors to an HTTP status and, for errors whose
// text is not for the reader, the French message to show instead. The first
// match wins; anything else is a 500.
var errorTable = []struct {
	err     error
	status  int
	message string // "" shows the message of whoever wrapped the sentinel (see userMessage)
}{
	{errNotFound, http.StatusNotFound, ""},
	{errBadRequest, http.StatusBadRequest, ""},
	{errMethod, http.StatusMethodNotAllowed, ""},
	{errBusy, http.StatusServiceUnavailable, ""},
	{indexer.ErrBadQuery, http.StatusBadRequest, ""},
	{indexer.ErrNoIndex, http.StatusServiceUnavailable,
		"L'index n'est pas encore construit : lancez « lextraite index » puis réessayez."},
	{context.DeadlineExceeded, http.StatusServiceUnavailable,
		"La recherche a pris trop de temps : précisez la requête ou réessayez plus tard."},
}

// internalMessage is what a reader sees for any unexpected error.
const internalMessage = "Une erreur interne est survenue. Réessayez plus tard ; si elle persiste, signalez-la à l'administrateur."

// classify returns the status and the reader's message for err.
func classify(err error) (int, string) {
	for _, e := range errorTable {
		if errors.Is(err, e.err) {
			if e.message != "" {
				return e.status, e.message
			}
			return e.status, userMessage(err, e.err)
		}
	}
	return http.StatusInternalServerError, internalMessage
}

// userMessage is the text of the innermost error wrapping sentinel: the
// one that said, in French, what the reader must fix ("requête invalide :
// guillemet non fermé"). Outer wrappers add context for the log only.
func userMessage(err, sentinel error) string {
	if ue, ok := errors.AsType[*userError](err); ok {
		return capitalize(ue.msg)
	}
	msg := err.Error()
	for e := err; e != nil && e != sentinel; e = errors.Unwrap(e) {
		if errors.Is(e, sentinel) {
			msg = e.Error()
		}
	}
	return capitalize(msg)
}

// capitalize upper-cases the first letter of a sentence.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// userError is a sentinel with the French sentence a reader sees.
type userError struct {
	sentinel error
	msg      string
}

func (e *userError) Error() string { return e.sentinel.Error() + " : " + e.msg }
func (e *userError) Unwrap() error { return e.sentinel }

// badRequest returns an error wrapping errBadRequest with a French message.
func badRequest(format string, args ...any) error {
	return &userError{errBadRequest, fmt.Sprintf(format, args...)}
}

// notFound returns an error wrapping errNotFound with a French message.
func notFound(format string, args ...any) error {
	return &userError{errNotFound, fmt.Sprintf(format, args...)}
}

// handler is a site handler: it decides, renders into a buffer and writes,
// or returns an error for its wrapper to serve.
type handler func(c *gin.Context) error

// page wraps an HTML handler: a returned error becomes the French error page.
func (srv *server) page(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			srv.serveHTMLError(c, err)
		}
	}
}

// api wraps a JSON handler: a returned error becomes {"error": "…"}.
func (srv *server) api(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			srv.serveJSONError(c, err)
		}
	}
}

// serveHTMLError renders the error page for err. The request's query, if
// any, stays in the search box so the reader can fix it.
func (srv *server) serveHTMLError(c *gin.Context, err error) {
	status, msg := classify(err)
	_ = c.Error(err) // for the request log
	p := &errorPage{
		basePage: srv.base(c, errorTitle(status)),
		Status:   status,
		Message:  msg,
	}
	p.Query = truncateRunes(c.Query("q"), maxQueryRunes)
	p.HideSearch = status == http.StatusBadRequest // the page has its own form
	srv.render(c, status, "error", p)
}

// serveJSONError writes {"error": message}.
func (srv *server) serveJSONError(c *gin.Context, err error) {
	status, msg := classify(err)
	_ = c.Error(err)
	srv.writeJSON(c, status, map[string]string{"error": msg})
}

// errorTitle is the heading of the error page for a status.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page introuvable"
	case http.StatusBadRequest:
		return "Demande à corriger"
	case http.StatusServiceUnavailable:
		return "Service momentanément indisponible"
	case http.StatusMethodNotAllowed:
		return "Méthode non autorisée"
	}
	return "Erreur interne"
}
