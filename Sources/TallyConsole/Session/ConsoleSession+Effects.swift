import TallyBus
import TallyCore
import TallyHub
import TallyScreen

extension ConsoleSession {
    /// Carries out the model's effects in the order given; an effect that has an answer (the
    /// store, a replay key, a saved file, a runbook) hands it back to the model before the next
    /// effect runs. How the session ends, if an effect ends it.
    func perform(_ effects: [ConsoleEffect]) -> Ending? {
        for effect in effects {
            if let ending = perform(effect) { return ending }
        }
        return nil
    }

    private func perform(_ effect: ConsoleEffect) -> Ending? {
        switch effect {
        case .send(let event):
            upstream.send(event, at: timeline.now(atWall: MonotonicClock.now()), console: consoleID)
        case .publish(let envelopes):
            upstream.publish(envelopes)
            return deliver()
        case .record(let envelopes):
            keeper.record(envelopes)
        case .store(let write):
            return send(.stored(problem: keeper.store(write)))
        case .notify(let notifications):
            keeper.notify(notifications)
        case .paint(let canvas):
            guard let terminal else { return nil }
            let started = MonotonicClock.now()
            terminal.paint(canvas)
            // A paint that had to wait for the terminal to take its bytes: the link is slow.
            if MonotonicClock.now() - started > FramePolicy.blockedPaintSeconds { return send(.paintWasSlow) }
        case .useTheme(let theme):
            terminal?.apply(theme)
        case .saveHandover(let draft):
            return send(.handoverSaved(save(draft)))
        case .saveAfterShow(let diary):
            do {
                let path = try options.afterShows.save(diary, source: "this console's day")
                logger.info("after-show report written", metadata: ["event": "\(diary.eventId)", "path": "\(path)"])
                return send(.notice("after-show report for \(diary.schedule.title) written: \(path)"))
            } catch {
                logger.error("after-show report not written", metadata: ["event": "\(diary.eventId)", "error": "\(error)"])
                return send(.notice("after-show report for \(diary.schedule.title) NOT WRITTEN: \(error)"))
            }
        case .openRunbook(let alert):
            return send(.documentOpened(runbooks.runbook(for: alert)))
        case .controlReplay(let command):
            return send(.replayAnswered(timeline.control(command, atWall: MonotonicClock.now()), to: command))
        case .reloadSchedule:
            timeline.requestReload()
        case .log(let level, let text, let metadata):
            logger.log(level: level, "\(text)", metadata: metadata)
        case .quit(let ending):
            return ending
        }
        return nil
    }

    /// Writes the handover to the state folder.
    private func save(_ draft: HandoverDraft) -> Result<HandoverWritten, HandoverNotSaved> {
        do {
            let path = try options.handovers.save(draft.markdown, author: draft.author, at: draft.at, isDemo: draft.isDemo)
            return .success(HandoverWritten(author: draft.author, note: draft.note, path: path, markdown: draft.markdown))
        } catch {
            return .failure(HandoverNotSaved(reason: "\(error)"))
        }
    }
}
