module github.com/iamsim/iamsim/bench

go 1.26.6

replace github.com/iamsim/iamsim => ../

require (
	github.com/cedar-policy/cedar-go v1.9.2
	github.com/iamsim/iamsim v0.0.0
	github.com/ory/ladon v1.3.0
	github.com/seaweedfs/seaweedfs v0.0.0-20261109003541-7506e5f91cd6
	github.com/tidwall/gjson v1.20.2
)

require (
	github.com/aws/aws-sdk-go v1.55.8 // indirect
	github.com/dlclark/regexp2 v1.2.0 // indirect
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/gorilla/mux v1.8.1 // indirect
	github.com/hashicorp/golang-lru v1.0.2 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/tidwall/match v1.2.0 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/exp v0.0.0-20260813180055-c1d0aacb2297 // indirect
)
