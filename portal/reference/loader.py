def load_all(session):
    return None
