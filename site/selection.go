package site

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// The working set ("ma sélection") lives in a cookie, so a trainer can
// gather provisions from several searches and documents without an
// account and without JavaScript: the checkboxes of a result list or a
// document page are posted to /selection, which updates the cookie and
// sends the reader back.
const (
	selectionCookie = "selection"
	maxSelection    = 40 // keeps the cookie under 4 KB
)

// crossOrigin refuses state-changing requests sent by other sites.
var crossOrigin = http.NewCrossOriginProtection()

// selectionIDs reads the working set from the request's cookie: valid
// provision ids, in order, without duplicates.
func selectionIDs(r *http.Request) []string {
	ck, err := r.Cookie(selectionCookie)
	if err != nil {
		return nil
	}
	raw, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return nil
	}
	var ids []string
	for _, id := range strings.Split(raw, " ") {
		if validProvisionID(id) && !slices.Contains(ids, id) && len(ids) < maxSelection {
			ids = append(ids, id)
		}
	}
	return ids
}

// validProvisionID reports whether id has the form {doc_id}/{anchor}.
func validProvisionID(id string) bool {
	docID, anchor, ok := strings.Cut(id, "/")
	return ok && idPattern.MatchString(docID) && idPattern.MatchString(anchor)
}

// setSelection writes the working set's cookie (removes it when empty).
func setSelection(c *gin.Context, ids []string) {
	ck := &http.Cookie{Name: selectionCookie, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: c.Request.TLS != nil, MaxAge: 90 * 24 * 3600, Value: url.QueryEscape(strings.Join(ids, " "))}
	if len(ids) == 0 {
		ck.Value, ck.MaxAge = "", -1
	}
	http.SetCookie(c.Writer, ck)
}

// safeReturn is a same-site path to go back to, or fallback.
func safeReturn(s, fallback string) string {
	if s == "" || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\\r\n") {
		return fallback
	}
	u, err := url.Parse(s)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return s
}

// handleSelectionPost serves POST /selection: add the checked provisions
// (default), remove one (retirer=ID) or empty the set (action=vider), then
// go back to the page given in retour.
func (srv *server) handleSelectionPost(c *gin.Context) error {
	if err := crossOrigin.Check(c.Request); err != nil {
		return badRequest("demande refusée : elle ne vient pas de ce site")
	}
	if err := c.Request.ParseForm(); err != nil {
		return badRequest("formulaire illisible")
	}
	f := c.Request.PostForm
	ids := selectionIDs(c.Request)
	switch {
	case f.Get("action") == "vider":
		ids = nil
	case f.Get("retirer") != "":
		ids = slices.DeleteFunc(ids, func(id string) bool { return id == f.Get("retirer") })
	default:
		added := 0
		for _, id := range f["p"] {
			id = strings.TrimSpace(id)
			if !validProvisionID(id) {
				return badRequest("identifiant de disposition invalide « %s » : la forme est document/ancre", truncateRunes(id, 80))
			}
			if !slices.Contains(ids, id) {
				if len(ids) >= maxSelection {
					return badRequest("la sélection compte déjà %d dispositions, le maximum : retirez-en avant d'en ajouter", maxSelection)
				}
				ids = append(ids, id)
				added++
			}
		}
		if len(f["p"]) == 0 {
			return badRequest("cochez d'abord les dispositions à ajouter à la sélection")
		}
	}
	setSelection(c, ids)
	c.Redirect(http.StatusSeeOther, safeReturn(f.Get("retour"), "/selection"))
	return nil
}

// handleSelection serves GET /selection: the working set, with the
// buttons to compare, print and download it.
func (srv *server) handleSelection(c *gin.Context) error {
	p := &selectionPage{basePage: srv.base(c, "Ma sélection")}
	for _, id := range selectionIDs(c.Request) {
		docID, anchor, _ := strings.Cut(id, "/")
		d, ok := srv.s.Document(docID)
		if !ok {
			p.Missing = append(p.Missing, id)
			continue
		}
		pr, ok := findProvision(d, anchor)
		if !ok {
			p.Missing = append(p.Missing, id)
			continue
		}
		v := srv.provisionViewOf(d, pr)
		v.DocURL = srv.provisionURL(d, anchor)
		p.Items = append(p.Items, v)
	}
	if len(p.Items) > 0 {
		p.ExportMD = worksetURL("/export", p.Items, "format", "md")
		p.ExportHTM = worksetURL("/export", p.Items, "format", "html")
		if len(p.Items) >= minCompare && len(p.Items) <= maxCompare {
			p.CompareURL = worksetURL("/comparer", p.Items)
		}
	}
	srv.render(c, 200, "selection", p)
	return nil
}
