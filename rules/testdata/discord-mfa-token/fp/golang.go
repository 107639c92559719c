package auth

func (s *Server) verify(code string) bool { return s.mfa.Verify(code) }
