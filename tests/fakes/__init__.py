"""Local stand-ins for outside services, served for real over sockets on 127.0.0.1."""
