import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

// Progress pages refresh themselves while work is running; without JavaScript they offer
// a Refresh button instead.
const progress = document.querySelector('[data-progress-url]')
if (progress) {
  const poll = async () => {
    const response = await fetch(progress.dataset.progressUrl, { headers: { Accept: 'application/json' } })
    if (!response.ok) return
    const data = await response.json()
    const bar = progress.querySelector('progress')
    const status = progress.querySelector('[data-progress-status]')
    bar.value = data.percent
    status.textContent = data.status_text + (data.message ? ': ' + data.message : '')
    if (data.finished) {
      window.location.reload()
    } else {
      window.setTimeout(poll, 1000)
    }
  }
  window.setTimeout(poll, 1000)
}
