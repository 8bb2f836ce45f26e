// Command saml tells how a corporate directory's users get a role session through SAML 2.0 federation (AWS IAM User Guide, "SAML 2.0 federation").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("saml", design(), tell) }
