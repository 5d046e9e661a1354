package org.checkersmtp.results;

/** Who may read a stored result: its owner only (the default), or anyone with the link. */
public enum Visibility {
    PRIVATE, PUBLIC
}
