// Package examples holds runnable stories of IAM roles, as Example
// functions that go test checks: the founding scenario (an application on
// an EC2 instance reads the photos bucket through its instance profile's
// role), a user of the same account, a user of another account with an
// external ID, a mobile app through web identity, and a corporate
// directory through SAML. The data of the founding scenario lives in
// photos/, where `iamsim eval photos/scenario.json` runs it.
package examples
