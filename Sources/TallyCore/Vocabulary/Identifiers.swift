/// Identifies a live event in the schedule (`wbc-12`).
public typealias EventID = String
/// Identifies one feed of an event (`wbc-12-primary`).
public typealias FeedID = String
/// Identifies an alert: the number the console gave it when it opened, in bus order.
public typealias AlertID = Int
