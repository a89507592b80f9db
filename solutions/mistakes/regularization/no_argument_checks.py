HINT = ("early_stopping must raise ValueError for patience < 1 and for an empty list of losses "
        "(a training script should fail loudly, not stop at a meaningless epoch)")


def early_stopping(val_losses, patience):
    losses = [float(v) for v in val_losses]
    best_loss, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        if loss < best_loss:
            best_loss, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, epoch
    return best_epoch, max(len(losses) - 1, 0)
