package sts

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/role"
)

// Instance credentials as EC2 delivers them: "We make new credentials
// available at least five minutes before the expiration of the old
// credentials" (Amazon EC2 User Guide, "Retrieve security credentials from
// instance metadata"). iamsim issues six-hour credentials and rotates them
// once fewer than InstanceRotateBefore remain.
const (
	InstanceCredentialLifetime = 6 * time.Hour
	InstanceRotateBefore       = 15 * time.Minute
	// DefaultRegion is the region of instance ARNs when Config.Region is
	// empty.
	DefaultRegion = "us-east-1"
)

// ec2Principal is the service principal a role's trust policy must name
// for instances to use it (Amazon EC2 User Guide, "IAM roles for Amazon
// EC2").
const ec2Principal = "ec2.amazonaws.com"

type instanceTable struct {
	mu    sync.Mutex
	byID  map[string]*instance
	first string           // the instance launched first
	imds  map[string]*imds // the metadata handlers of Handler
}

type instance struct {
	id      string
	arn     string
	profile string // instance profile name
	role    *role.Role
	current *Session
}

// Instance describes a launched instance.
type Instance struct {
	ID                 string
	ARN                string
	InstanceProfileArn string
	InstanceProfileID  string
	Role               *role.Role
}

// LaunchInstance records an EC2 instance that runs with an instance profile,
// named by its name or ARN. A profile named by name alone must be unique
// among the loaded accounts.
func (s *Service) LaunchInstance(instanceID, profile string) (Instance, error) {
	if !strings.HasPrefix(instanceID, "i-") || len(instanceID) < 3 {
		return Instance{}, fmt.Errorf("sts: instance id %q does not begin with i-", instanceID)
	}
	var found []*role.Role
	for _, r := range s.set.Roles() {
		for i, p := range r.InstanceProfiles() {
			if p.Name == profile || r.InstanceProfileARN(i).String() == profile {
				found = append(found, r)
			}
		}
	}
	switch len(found) {
	case 0:
		return Instance{}, fmt.Errorf("sts: no loaded role is in instance profile %q", profile)
	case 1:
	default:
		return Instance{}, fmt.Errorf("sts: instance profile %q is in several accounts: give its ARN", profile)
	}
	r := found[0]
	region := s.cfg.Region
	if region == "" {
		region = DefaultRegion
	}
	in := &instance{id: instanceID, role: r, profile: profile,
		arn: "arn:" + r.Partition() + ":ec2:" + region + ":" + r.Account() + ":instance/" + instanceID}
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	if _, dup := s.instances.byID[instanceID]; dup {
		return Instance{}, fmt.Errorf("sts: instance %s is launched already", instanceID)
	}
	s.instances.byID[instanceID] = in
	if s.instances.first == "" {
		s.instances.first = instanceID
	}
	return s.describe(in), nil
}

func (s *Service) describe(in *instance) Instance {
	out := Instance{ID: in.id, ARN: in.arn, Role: in.role}
	for i, p := range in.role.InstanceProfiles() {
		if p.Name == in.profile || in.role.InstanceProfileARN(i).String() == in.profile {
			out.InstanceProfileArn, out.InstanceProfileID = in.role.InstanceProfileARN(i).String(), p.ID
		}
	}
	return out
}

// Instance returns a launched instance.
func (s *Service) Instance(instanceID string) (Instance, bool) {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	in, ok := s.instances.byID[instanceID]
	if !ok {
		return Instance{}, false
	}
	return s.describe(in), true
}

// InstanceCredentials returns the role session an instance's metadata
// service hands out now: the session of the profile's role named by the
// instance id, renewed once it nears expiry. The role must trust
// ec2.amazonaws.com; this is not role chaining (no one-hour cap), and
// requests made with it carry ec2:SourceInstanceARN and ec2:RoleDelivery
// (IAM User Guide, "AWS global condition context keys"; Amazon EC2 User
// Guide, "Instance metadata service version 2").
func (s *Service) InstanceCredentials(instanceID string) (*Session, error) {
	now := s.now()
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	in, ok := s.instances.byID[instanceID]
	if !ok {
		return nil, fmt.Errorf("sts: instance %s is not launched", instanceID)
	}
	if cur := in.current; cur != nil && cur.Expiration().Sub(now) > InstanceRotateBefore {
		return cur, nil
	}
	set, err := evaluate.Compile(evaluate.Policies{Resource: in.role.Trust(), RCPs: s.set.RCPs(in.role.Account())})
	if err != nil {
		return nil, err
	}
	req := evaluate.Request{Principal: ec2Principal, Action: "sts:AssumeRole", Resource: in.role.ARN().String(),
		ResourceAccount: in.role.Account(), Context: map[string][]string{"aws:CurrentTime": {now.UTC().Format(time.RFC3339)}}}
	d, err := set.DecideRequest(req)
	if err != nil {
		return nil, err
	}
	if d != evaluate.Allow {
		return nil, notAuthorized(ec2Principal, "sts:AssumeRole", in.role.ARN().String())
	}
	sess := &Session{kind: RoleSession, role: in.role, name: in.id, tags: in.role.TagMap(), instance: in.arn}
	if err := s.issueRoleSession(sess, now, InstanceCredentialLifetime); err != nil {
		return nil, err
	}
	in.current = sess
	return sess, nil
}
