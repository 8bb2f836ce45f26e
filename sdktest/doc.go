// Package sdktest drives iamsim's STS, IMDS and SigV4 middleware handlers
// with the unmodified AWS SDK for Go v2, the test anchor of issue 12: the
// SDK must not be able to tell iamsim from AWS on what iamsim serves. It is
// a nested module (like bench/) so that the SDK never enters iamsim's own
// go.mod.
package sdktest
